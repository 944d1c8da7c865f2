// `tricoach --demo --screenshots DIR` as a script would run it: a real process writing every page.
#include "tests/support/tempdir.h"

#include <QImage>
#include <QProcess>

#include <gtest/gtest.h>

namespace {

class ScreenshotsTest : public tricoach::test::TempDirTest {};

TEST_F(ScreenshotsTest, DemoWritesEveryPageLightAndDarkAt1440x900)
{
    const QString out = pathFor(QStringLiteral("shots"));
    QProcess app;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), pathFor(QStringLiteral("config"))); // no preferences of the machine
    app.setProcessEnvironment(env);
    app.start(QStringLiteral(TRICOACH_APP_PATH),
              {QStringLiteral("--demo"), QStringLiteral("--db"), pathFor(QStringLiteral("demo.sqlite")),
               QStringLiteral("--screenshots"), out});
    ASSERT_TRUE(app.waitForFinished(120'000));
    ASSERT_EQ(app.exitCode(), 0) << app.readAllStandardError().toStdString();
    for (const char* page : {"welcome", "dashboard", "activities", "calendar", "plan", "settings"}) {
        for (const char* theme : {"light", "dark"}) {
            const QImage image(QStringLiteral("%1/%2-%3.png").arg(out, QLatin1String(page), QLatin1String(theme)));
            ASSERT_FALSE(image.isNull()) << page << "-" << theme;
            EXPECT_EQ(image.size(), QSize(1440, 900)) << page << "-" << theme;
        }
    }
    // The dark dashboard is dark and the light one light: the average of a corner of the page.
    auto brightness = [&](const char* theme) {
        const QImage image(QStringLiteral("%1/dashboard-%2.png").arg(out, QLatin1String(theme)));
        double sum = 0;
        int n = 0;
        for (int y = 820; y < 880; y += 4)
            for (int x = 1300; x < 1420; x += 4, ++n)
                sum += qGray(image.pixel(x, y));
        return sum / n;
    };
    EXPECT_LT(brightness("dark"), 90);
    EXPECT_GT(brightness("light"), 160);

    // An unwritable folder is a clear failure, not a crash.
    QProcess bad;
    bad.setProcessEnvironment(env);
    bad.start(QStringLiteral(TRICOACH_APP_PATH),
              {QStringLiteral("--demo"), QStringLiteral("--db"), pathFor(QStringLiteral("demo.sqlite")),
               QStringLiteral("--screenshots"), QStringLiteral("/proc/no-such-folder")});
    ASSERT_TRUE(bad.waitForFinished(120'000));
    EXPECT_EQ(bad.exitCode(), 1);
    EXPECT_TRUE(bad.readAllStandardError().contains("cannot"));
}

} // namespace
