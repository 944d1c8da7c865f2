// Oracle test: Garmin's official FIT JavaScript SDK (@garmin/fitsdk, the protocol owner's own decoder) and our
// FitReader decode every FIT file of the corpus, and records, laps, lengths and session totals must agree
// (fitcomparison.cpp says how values are paired, with which tolerance, and which differences are deliberate).
// Four suites: the files the SDK decodes (all of them compared), the files it is known to fail on (what it
// read before failing is compared; their records are checked against other expected outputs), the files our
// reader refuses on purpose (the SDK's decoding must show why), and the damaged invalid-* files (both decoders
// must report the damage).
#include "core/io/fit/fitreader.h"
#include "tests/oracle/fitcomparison.h"
#include "tests/oracle/fitsdk.h"

#include <QDir>
#include <QFile>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <gtest/gtest.h>
#include <string>

using namespace tricoach;
using namespace tricoach::oracle;

namespace {

// Files the SDK cannot decode, from SOURCES.md ("Cross-check with Garmin's official JS SDK"). For them the
// oracle checks what the SDK read before failing, and the records are compared with other expected outputs.
struct KnownSdkFailure {
    const char* file;
    const char* sdkError;         // what the SDK reports: checked, so a fixed SDK is noticed
    const char* recordsCheckedBy; // where the records are compared instead
    const char* ourError = "";    // set: our reader refuses the file (the SDK must confirm why, see below)
};
void PrintTo(const KnownSdkFailure& k, std::ostream* os)
{
    *os << k.file;
}
const KnownSdkFailure kKnownSdkFailures[] = {
    // The SDK does not implement compressed-timestamp record headers (its own message says so).
    // Ours refuses both: their times count from the watch's power-on and nothing in them dates that clock.
    {"running-garmin-fr70-compressed-timestamps.fit", "compressed timestamp messages are not currently supported",
     "core_io_fit_test FitExpected.Fr70CompressedTimestampsAndSpeedDistance (python-fitparse CSV)", "fit.no-clock"},
    {"running-garmin-fr70-antfs-compressed-timestamps.fit", "compressed timestamp messages are not currently supported",
     "core_io_fit_test FitClock.Fr70FilesOfTheCorpusAreRefusedNotDated1990", "fit.no-clock"},
    // An SDK bug: #setAccumulatedField throws on the first record, which carries the accumulated cycles ->
    // total_cycles component. The file is CRC-valid and Garmin's FitCSVTool decodes it.
    {"triathlon-garmin-fr255-summary-first.fit", "Cannot read properties of undefined (reading '0')",
     "core_io_fit_test Expected/FitCsvTool.RecordsLapsSessionsAndLengthsMatch (Garmin FitCSVTool CSV)"},
};

// Files the SDK decodes but our reader refuses on purpose, with the fact that makes it refuse.
struct Refused {
    const char* file;
    const char* ourError;
};
void PrintTo(const Refused& r, std::ostream* os)
{
    *os << r.file;
}
const Refused kRefusedByUs[] = {
    // The FIT SDK's developer-data example: records without any time, no session or lap.
    {"devdata-sdk-example.fit", "fit.no-times"},
};

QString fitDir()
{
    return QStringLiteral(TRICOACH_TESTDATA_DIR "/activities/fit/");
}

bool isKnownFailure(const QString& name)
{
    return std::any_of(std::begin(kKnownSdkFailures), std::end(kKnownSdkFailures),
                       [&](const KnownSdkFailure& k) { return name == QLatin1String(k.file); }) ||
           std::any_of(std::begin(kRefusedByUs), std::end(kRefusedByUs),
                       [&](const Refused& r) { return name == QLatin1String(r.file); });
}

// What the SDK must see for our refusal to be right: no time anywhere (fit.no-times), or sessions whose start
// lies on a device's power-on clock, below 0x10000000 in FIT time (fit.no-clock; FIT SDK Profile, date_time).
void expectSdkConfirmsRefusal(const SdkDump& sdk, const QString& ourError, const std::string& file)
{
    constexpr double kFitEpochUnix = 631065600, kMinAbsoluteFit = 0x10000000;
    if (ourError == QLatin1String("fit.no-times")) {
        EXPECT_TRUE(sdk.sessions.empty() && sdk.laps.empty()) << file;
        EXPECT_TRUE(
            std::all_of(sdk.records.begin(), sdk.records.end(), [](const SdkRecord& r) { return std::isnan(r.t); }))
            << file << ": the SDK finds record times";
    } else {
        ASSERT_FALSE(sdk.sessions.empty()) << file;
        for (const SdkSummary& s : sdk.sessions)
            EXPECT_LT(s.begin() - kFitEpochUnix, kMinAbsoluteFit) << file << ": the SDK dates a session";
    }
}

std::vector<std::string> corpusFiles(bool invalid)
{
    std::vector<std::string> out;
    const QDir dir(fitDir());
    for (const QString& name : dir.entryList({QStringLiteral("*.fit")}, QDir::Files, QDir::Name)) {
        if (name.startsWith(QLatin1String("invalid-")) == invalid && !isKnownFailure(name))
            out.push_back(name.toStdString());
    }
    return out;
}

std::string testName(const std::string& file)
{
    std::string out;
    for (const char c : file.substr(0, file.size() - 4))
        out += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
    return out;
}

DecodedFile decodeOurs(const QString& name)
{
    QFile f(fitDir() + name);
    return f.open(QIODevice::ReadOnly) ? FitReader().read(f.readAll()) : DecodedFile{};
}

// Oracle tests skip, with the reason, when the SDK cannot run here (no node, npm or network); under CI they
// fail instead, so a CI run cannot look green while comparing nothing.
template <typename Param> class WithSdk : public ::testing::TestWithParam<Param> {
protected:
    void SetUp() override
    {
        if (const auto reason = sdkUnavailable()) {
            if (sdkRequired())
                FAIL() << "the @garmin/fitsdk oracle must run under CI: " << reason->toStdString();
            GTEST_SKIP() << "@garmin/fitsdk oracle skipped: " << reason->toStdString();
        }
    }

    // The SDK's decoding of a corpus file; nullopt after a failure saying why.
    static std::optional<SdkDump> sdkDecode(const QString& name)
    {
        QString error;
        auto dump = runSdk(fitDir() + name, error);
        if (!dump) {
            ADD_FAILURE() << error.toStdString();
            return std::nullopt;
        }
        EXPECT_EQ(dump->sdkVersion.toStdString(), TRICOACH_FITSDK_VERSION)
            << "node loaded another @garmin/fitsdk than the pinned one";
        return dump;
    }
};

// ---- every file the SDK decodes without error ----

class FitSdkOracle : public WithSdk<std::string> {};

TEST_P(FitSdkOracle, RecordsLapsLengthsAndSessionsMatch)
{
    const QString name = QString::fromStdString(GetParam());
    const auto sdk = sdkDecode(name);
    ASSERT_TRUE(sdk);
    ASSERT_TRUE(sdk->errors.isEmpty()) << "@garmin/fitsdk failed on " << GetParam() << ": "
                                       << sdk->errors.join(QStringLiteral("; ")).toStdString()
                                       << " (a file the SDK cannot read belongs in kKnownSdkFailures, with why)";
    const DecodedFile ours = decodeOurs(name);
    ASSERT_FALSE(ours.error) << "ours: " << ours.error->code.toStdString() << ": " << ours.error->message.toStdString();

    expectSameAsSdk(*sdk, ours, GetParam(), SdkCoverage::Complete);
}

INSTANTIATE_TEST_SUITE_P(Corpus, FitSdkOracle, ::testing::ValuesIn(corpusFiles(false)),
                         [](const ::testing::TestParamInfo<std::string>& p) { return testName(p.param); });

// ---- files the SDK cannot decode: what it read before failing must still agree ----

class FitSdkKnownFailure : public WithSdk<KnownSdkFailure> {};

TEST_P(FitSdkKnownFailure, SdkStillFailsAndWhatItReadMatches)
{
    const KnownSdkFailure& known = GetParam();
    const QString name = QLatin1String(known.file);
    const auto sdk = sdkDecode(name);
    ASSERT_TRUE(sdk);
    const QString errors = sdk->errors.join(QStringLiteral("; "));
    EXPECT_TRUE(errors.contains(QLatin1String(known.sdkError)))
        << known.file << ": the SDK no longer fails with \"" << known.sdkError << "\" (errors: \""
        << errors.toStdString() << "\"). If a newer SDK decodes it, move it from kKnownSdkFailures to the main "
        << "oracle suite.";
    const DecodedFile ours = decodeOurs(name);
    if (*known.ourError) {
        ASSERT_TRUE(ours.error.has_value()) << known.file;
        EXPECT_EQ(ours.error->code, QLatin1String(known.ourError));
        EXPECT_TRUE(ours.activities.empty());
        expectSdkConfirmsRefusal(*sdk, QLatin1String(known.ourError), known.file);
        return;
    }
    ASSERT_FALSE(ours.error) << "ours: " << ours.error->message.toStdString();

    // These files hold their laps and sessions before the first message the SDK trips on, so the summaries
    // are compared in full; records only as far as the SDK got. The records are compared in
    // `recordsCheckedBy`.
    SCOPED_TRACE(std::string("records of this file are compared in ") + known.recordsCheckedBy);
    expectSameAsSdk(*sdk, ours, known.file, SdkCoverage::Prefix);
}

INSTANTIATE_TEST_SUITE_P(Corpus, FitSdkKnownFailure, ::testing::ValuesIn(kKnownSdkFailures),
                         [](const ::testing::TestParamInfo<KnownSdkFailure>& p) { return testName(p.param.file); });

// ---- files our reader refuses on purpose: the SDK must show the reason ----

class FitSdkRefused : public WithSdk<Refused> {};

TEST_P(FitSdkRefused, SdkShowsWhyWeRefuse)
{
    const Refused& refused = GetParam();
    const auto sdk = sdkDecode(QLatin1String(refused.file));
    ASSERT_TRUE(sdk);
    EXPECT_TRUE(sdk->errors.isEmpty()) << refused.file;
    const DecodedFile ours = decodeOurs(QLatin1String(refused.file));
    ASSERT_TRUE(ours.error.has_value()) << refused.file;
    EXPECT_EQ(ours.error->code, QLatin1String(refused.ourError));
    EXPECT_TRUE(ours.activities.empty());
    expectSdkConfirmsRefusal(*sdk, QLatin1String(refused.ourError), refused.file);
}

INSTANTIATE_TEST_SUITE_P(Corpus, FitSdkRefused, ::testing::ValuesIn(kRefusedByUs),
                         [](const ::testing::TestParamInfo<Refused>& p) { return testName(p.param.file); });

// ---- damaged files: both decoders must say so ----

class FitSdkInvalid : public WithSdk<std::string> {};

TEST_P(FitSdkInvalid, BothDecodersReportTheDamage)
{
    const QString name = QString::fromStdString(GetParam());
    const auto sdk = sdkDecode(name);
    ASSERT_TRUE(sdk);
    EXPECT_TRUE(!sdk->errors.isEmpty() || !sdk->integrity) << "the SDK accepts " << GetParam();
    const DecodedFile ours = decodeOurs(name);
    EXPECT_TRUE(ours.error.has_value()) << "ours accepts " << GetParam()
                                        << " (SDK: " << sdk->errors.join(QStringLiteral("; ")).toStdString() << ")";
}

INSTANTIATE_TEST_SUITE_P(Corpus, FitSdkInvalid, ::testing::ValuesIn(corpusFiles(true)),
                         [](const ::testing::TestParamInfo<std::string>& p) { return testName(p.param); });

} // namespace
