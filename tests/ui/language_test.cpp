// The Russian translation: complete for every string, and what the window shows once installed. Its own test
// program, because an installed translator changes every later window in the process.
#include "core/import/activityimporter.h"
#include "core/util/datetime.h"
#include "tests/ui/uitestsupport.h"
#include "ui/charts/heatmapwidget.h"
#include "ui/importing/importdialog.h"
#include "ui/mainwindow.h"
#include "ui/translations.h"

#include <QApplication>
#include <QFile>
#include <QLabel>
#include <QListWidget>
#include <QRegularExpression>
#include <QStatusBar>
#include <QXmlStreamReader>

#include <set>

using namespace tricoach;
using namespace tricoach::test;

namespace {

struct Message {
    QString context, source, translation;
    bool finished = true;
    bool numerus = false;
    QStringList forms; // the <numerusform>s of a %n message
};

// Every translation of the file; a plural message (%n) gives one entry per form, each checked on its own. An XML
// error is an entry that fails, so a file the reader cannot follow never passes as a short one.
std::vector<Message> readTs(const QString& path)
{
    std::vector<Message> out;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return out;
    QXmlStreamReader xml(&f);
    QString context;
    Message m;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name() == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (xml.name() == QLatin1String("message")) {
            m = Message{context, {}, {}, true, xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes"),
                        {}};
        } else if (xml.name() == QLatin1String("source")) {
            m.source = xml.readElementText();
        } else if (xml.name() == QLatin1String("translation")) {
            const QString type = xml.attributes().value(QLatin1String("type")).toString();
            m.finished = type.isEmpty();
            const bool obsolete = type == QLatin1String("obsolete") || type == QLatin1String("vanished");
            // A plural message holds one <numerusform> per form of the language instead of text; a message
            // without any form has an empty translation and fails.
            while (m.numerus && xml.readNextStartElement()) {
                if (xml.name() == QLatin1String("numerusform"))
                    m.forms << xml.readElementText();
                else
                    xml.skipCurrentElement();
            }
            m.translation = m.numerus ? m.forms.join(QLatin1Char('|')) : xml.readElementText();
            if (!obsolete)
                out.push_back(m);
        }
    }
    if (xml.hasError())
        out.push_back(Message{QStringLiteral("XML"), xml.errorString(), {}, false, false, {}});
    return out;
}

QStringList placeholders(const QString& text)
{
    static const QRegularExpression re(QStringLiteral("%(\\d)"));
    QStringList found;
    for (auto it = re.globalMatch(text); it.hasNext();)
        found << it.next().captured(0);
    found.sort();
    found.removeDuplicates();
    return found;
}

TEST(Language, EveryStringHasAFinishedRussianTranslationWithItsPlaceholders)
{
    const auto messages = readTs(QStringLiteral(TRICOACH_SOURCE_DIR "/resources/translations/tricoach_ru.ts"));
    ASSERT_GT(messages.size(), 250u);
    for (const Message& m : messages) {
        const std::string where = (m.context + QStringLiteral(": ") + m.source).toStdString();
        EXPECT_TRUE(m.finished) << where;
        EXPECT_FALSE(m.translation.trimmed().isEmpty()) << where;
        if (m.numerus) {
            // Russian counts in three forms (1 тренировка, 2 тренировки, 5 тренировок), each with the number.
            ASSERT_EQ(m.forms.size(), 3) << where;
            for (const QString& form : m.forms) {
                EXPECT_FALSE(form.trimmed().isEmpty()) << where;
                EXPECT_TRUE(form.contains(QStringLiteral("%n"))) << where;
                EXPECT_EQ(placeholders(form), placeholders(m.source)) << where;
            }
        } else {
            EXPECT_EQ(placeholders(m.translation), placeholders(m.source)) << where;
        }
        for (const char* mark : {"TSS", "CTL", "ATL", "TSB"})
            EXPECT_FALSE(m.translation.contains(QLatin1String(mark))) << where;
    }
}

TEST(Language, EnglishHasTheSingularOfEveryCount)
{
    const auto russian = readTs(QStringLiteral(TRICOACH_SOURCE_DIR "/resources/translations/tricoach_ru.ts"));
    const auto english = readTs(QStringLiteral(TRICOACH_SOURCE_DIR "/resources/translations/tricoach_en.ts"));
    std::set<QString> plural;
    for (const Message& m : russian)
        if (m.numerus)
            plural.insert(m.context + QStringLiteral(": ") + m.source);
    ASSERT_GE(plural.size(), 6u);
    std::set<QString> covered;
    for (const Message& m : english) {
        const std::string where = (m.context + QStringLiteral(": ") + m.source).toStdString();
        ASSERT_TRUE(m.numerus) << where;
        ASSERT_EQ(m.forms.size(), 2) << where;
        EXPECT_TRUE(m.finished) << where;
        EXPECT_NE(m.forms[0], m.forms[1]) << where;
        for (const QString& form : m.forms)
            EXPECT_TRUE(form.contains(QStringLiteral("%n"))) << where;
        covered.insert(m.context + QStringLiteral(": ") + m.source);
    }
    EXPECT_EQ(covered, plural);
}

class RussianWindow : public UiTest {};

TEST_F(RussianWindow, TheWindowSpeaksRussian)
{
    ASSERT_TRUE(installLanguage(*QCoreApplication::instance(), QStringLiteral("ru")));
    MainWindow w(*store, athlete, *preferences);
    const QStringList names = w.pageNames();
    ASSERT_FALSE(names.isEmpty());
    for (const QString& english : {QStringLiteral("Dashboard"), QStringLiteral("Activities"),
                                   QStringLiteral("Calendar"), QStringLiteral("Settings")})
        EXPECT_FALSE(names.contains(english)) << names.join(QLatin1Char(',')).toStdString();
    // Cyrillic, not just different.
    static const QRegularExpression cyrillic(QStringLiteral("[\\x{0400}-\\x{04FF}]"));
    for (const QString& name : names)
        EXPECT_TRUE(cyrillic.match(name).hasMatch()) << name.toStdString();
    EXPECT_EQ(QLocale().language(), QLocale::Russian);
}

TEST_F(RussianWindow, CountsAgreeWithTheirNumbers)
{
    ASSERT_TRUE(installLanguage(*QCoreApplication::instance(), QStringLiteral("ru")));
    // The heatmap's hover: 2, 5 and 21 activities on three days.
    const QDate day(2026, 3, 2);
    std::vector<HeatmapDay> days(3);
    const int counts[] = {2, 5, 21};
    for (int i = 0; i < 3; ++i) {
        days[static_cast<std::size_t>(i)].date = day.addDays(i);
        days[static_cast<std::size_t>(i)].totals.count = counts[i];
        days[static_cast<std::size_t>(i)].totals.hours = 1;
    }
    HeatmapWidget heat;
    heat.setDays(days);
    EXPECT_TRUE(heat.describeDay(day).contains(QStringLiteral("2 тренировки"))) << heat.describeDay(day).toStdString();
    EXPECT_TRUE(heat.describeDay(day.addDays(1)).contains(QStringLiteral("5 тренировок")));
    EXPECT_TRUE(heat.describeDay(day.addDays(2)).contains(QStringLiteral("21 тренировка")));

    // The import summary: 21 added, 2 already there, 5 files unreadable.
    ImportReport report;
    FileOutcome good;
    good.status = FileOutcome::Status::Imported;
    good.newActivities = 21;
    good.duplicateActivities = 2;
    report.files.push_back(good);
    for (int i = 0; i < 5; ++i) {
        FileOutcome bad;
        bad.status = FileOutcome::Status::Failed;
        report.files.push_back(bad);
    }
    const QString summary = ImportDialog::summarize(report);
    for (const char* expected : {"21 тренировка", "2 уже были", "5 файлов"})
        EXPECT_TRUE(summary.contains(QString::fromUtf8(expected))) << summary.toStdString();

    // The window's status bar and the activity list, with 21 activities.
    for (int i = 0; i < 21; ++i) {
        Activity a;
        a.athleteId = athlete;
        a.sport = Sport::Run;
        a.startUtc = utcDateTime(day.addDays(-i), QTime(7, 0));
        a.movingSec = a.elapsedSec = 1800;
        a.userLoad = 30;
        ASSERT_TRUE(store->addActivity(a));
    }
    MainWindow w(*store, athlete, *preferences);
    auto* count = w.findChild<QLabel*>(QStringLiteral("activityCount"));
    ASSERT_NE(count, nullptr);
    EXPECT_EQ(count->text(), QStringLiteral("21 тренировка"));
    bool status = false;
    for (QLabel* l : w.statusBar()->findChildren<QLabel*>())
        status = status || l->text().endsWith(QStringLiteral(" · 21 тренировка"));
    EXPECT_TRUE(status);
}

} // namespace
