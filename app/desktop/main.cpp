// tricoach: the desktop client. Opens the athlete's store and shows the main window.
#include "app/desktop/screenshots.h"
#include "core/demo/sampleseason.h"
#include "core/store/activitystore.h"
#include "ui/mainwindow.h"
#include "ui/preferences.h"
#include "ui/secretsprompt.h"
#include "ui/translations.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QMessageBox>
#include <QStandardPaths>
#include <QTimer>

namespace {

// The database the app opens: --db, else the data folder chosen in Settings, else the platform's app-data folder.
QString databasePath(const QCommandLineParser& parser, const QCommandLineOption& db, const QCommandLineOption& demo,
                     const tricoach::Preferences& preferences)
{
    if (parser.isSet(db))
        return parser.value(db);
    if (parser.isSet(demo))
        return QDir(QStandardPaths::writableLocation(QStandardPaths::TempLocation))
            .filePath(QStringLiteral("tricoach-demo.sqlite"));
    if (!preferences.dataFolder().isEmpty())
        return QDir(preferences.dataFolder()).filePath(QStringLiteral("tricoach.sqlite"));
    return tricoach::ActivityStore::defaultPath();
}

} // namespace

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("TriCoach"));
    QApplication::setOrganizationName(QStringLiteral("TriCoach"));
    QApplication::setApplicationVersion(QStringLiteral(TRICOACH_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("TriCoach — an AI triathlon coach for the desktop."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dbOption(QStringLiteral("db"), QStringLiteral("Use the database at PATH."),
                                      QStringLiteral("PATH"));
    const QCommandLineOption demoOption(QStringLiteral("demo"),
                                        QStringLiteral("Show a generated sample season (in a database of its own "
                                                       "unless --db is given)."));
    const QCommandLineOption screenshotsOption(
        QStringLiteral("screenshots"), QStringLiteral("Write a PNG of every page, light and dark, into DIR and exit."),
        QStringLiteral("DIR"));
    const QCommandLineOption quitAfter(QStringLiteral("quit-after-ms"),
                                       QStringLiteral("Close the window after MS milliseconds (smoke tests)."),
                                       QStringLiteral("MS"));
    parser.addOption(dbOption);
    parser.addOption(demoOption);
    parser.addOption(screenshotsOption);
    parser.addOption(quitAfter);
    parser.process(app);

    tricoach::Preferences preferences;
    // Sign-ins and keys live in the OS keychain; without one, in a private file if the user agrees, asked the first
    // time a secret is needed.
    tricoach::SecretsPrompt secrets(preferences);
    secrets.install();
    tricoach::installLanguage(app, preferences.language());
    if (!parser.isSet(screenshotsOption))
        tricoach::applyTheme(preferences.theme());

    const QString path = databasePath(parser, dbOption, demoOption, preferences);
    auto store = tricoach::ActivityStore::open(path);
    if (!store) {
        QMessageBox::critical(nullptr, QObject::tr("TriCoach"),
                              QObject::tr("Could not open your training database:\n%1").arg(store.error().message));
        return 1;
    }
    auto athlete = (*store)->defaultAthlete();
    if (!athlete) {
        QMessageBox::critical(nullptr, QObject::tr("TriCoach"), athlete.error().message);
        return 1;
    }
    tricoach::AthleteId shown = athlete->id;
    if (parser.isSet(demoOption)) {
        // The demo's own athlete; generated once, then reused.
        if ((*store)->activityCount(shown) == 0) {
            auto loaded = tricoach::loadSampleSeason(**store, shown, tricoach::SampleSeasonOptions{});
            if (!loaded) {
                QMessageBox::critical(nullptr, QObject::tr("TriCoach"), loaded.error().message);
                return 1;
            }
        }
    }

    tricoach::MainWindow window(**store, shown, preferences);
    if (parser.isSet(screenshotsOption))
        return tricoach::writeScreenshots(window, parser.value(screenshotsOption)) ? 0 : 1;
    window.show();
    if (parser.isSet(quitAfter))
        QTimer::singleShot(parser.value(quitAfter).toInt(), &app, &QApplication::quit);
    return app.exec();
}
