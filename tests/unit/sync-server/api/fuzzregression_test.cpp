// What the tricoach-sync fuzz targets found, as ordinary tests (the replay tests run the same inputs through the
// targets, but only a sanitizer build would see undefined behaviour there).
#include "core/wire/events.h"

#include <QFile>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

using namespace tricoach;

namespace {

nlohmann::json event(const char* field, const nlohmann::json& value)
{
    nlohmann::json j = {{"id", 17},        {"kind", "strava.webhook"}, {"object_type", "activity"},
                        {"object_id", 42}, {"aspect_type", "create"},  {"received_at", 1800000000000}};
    j[field] = value;
    return j;
}

} // namespace

// sync_wire_fuzz: an id too large for 64 bits (or not whole) was converted anyway, undefined behaviour in
// nlohmann's get<std::int64_t>(); now it is a wrong shape, refused like a string would be.
TEST(SyncFuzzRegressions, WireNumbersThatAreNotWhole64BitIntegersAreAWrongShape)
{
    QFile found(QStringLiteral(TRICOACH_TESTDATA_DIR "/fuzz-regressions/sync/wire/float-object-id-out-of-range.json"));
    ASSERT_TRUE(found.open(QIODevice::ReadOnly));
    const auto parsed = nlohmann::json::parse(found.readAll().toStdString());
    EXPECT_THROW(parsed.get<wire::SyncEvent>(), nlohmann::json::type_error);
    for (const char* field : {"id", "object_id", "owner_id", "event_time", "received_at"}) {
        for (const nlohmann::json& bad : {nlohmann::json(1e300), nlohmann::json(-1e300), nlohmann::json(1.5),
                                          nlohmann::json(std::uint64_t(18446744073709551615ULL)),
                                          nlohmann::json(std::uint64_t(9223372036854775808ULL))})
            EXPECT_THROW(event(field, bad).get<wire::SyncEvent>(), nlohmann::json::type_error)
                << field << " = " << bad.dump();
        // The edges that fit are read exactly.
        for (const std::int64_t good : {INT64_MAX, INT64_MIN, std::int64_t{0}}) {
            const auto e = event(field, good).get<wire::SyncEvent>();
            const nlohmann::json back = e;
            EXPECT_EQ(back[field], good) << field;
        }
    }
    const nlohmann::json page = {{"events", nlohmann::json::array()}, {"next", 1e19}, {"more", false}};
    EXPECT_THROW(page.get<wire::EventsPage>(), nlohmann::json::type_error);
}
