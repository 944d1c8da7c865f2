// The Russian translation: complete for every string, and what the window shows once installed. Its own test
// program, because an installed translator changes every later window in the process.
#include "tests/ui/uitestsupport.h"
#include "ui/mainwindow.h"
#include "ui/translations.h"

#include <QApplication>
#include <QFile>
#include <QListWidget>
#include <QRegularExpression>
#include <QXmlStreamReader>

using namespace tricoach;
using namespace tricoach::test;

namespace {

struct Message {
    QString context, source, translation;
    bool finished = true;
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
    bool numerus = false;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name() == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (xml.name() == QLatin1String("message")) {
            m = Message{context, {}, {}, true};
            numerus = xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes");
        } else if (xml.name() == QLatin1String("source")) {
            m.source = xml.readElementText();
        } else if (xml.name() == QLatin1String("translation")) {
            const QString type = xml.attributes().value(QLatin1String("type")).toString();
            m.finished = type.isEmpty();
            const bool obsolete = type == QLatin1String("obsolete") || type == QLatin1String("vanished");
            if (!numerus) {
                m.translation = xml.readElementText();
                if (!obsolete)
                    out.push_back(m);
                continue;
            }
            int forms = 0;
            while (xml.readNextStartElement()) {
                if (xml.name() != QLatin1String("numerusform")) {
                    xml.skipCurrentElement();
                    continue;
                }
                Message form = m;
                form.translation = xml.readElementText();
                ++forms;
                if (!obsolete)
                    out.push_back(form);
            }
            if (forms == 0 && !obsolete)
                out.push_back(m); // no form at all: fails as an empty translation
        }
    }
    if (xml.hasError())
        out.push_back(Message{QStringLiteral("XML"), xml.errorString(), {}, false});
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
        EXPECT_EQ(placeholders(m.translation), placeholders(m.source)) << where;
        for (const char* mark : {"TSS", "CTL", "ATL", "TSB"})
            EXPECT_FALSE(m.translation.contains(QLatin1String(mark))) << where;
    }
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

} // namespace
