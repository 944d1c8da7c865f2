// tricoach: the desktop client. Opens the athlete's store and shows the main window.
#include "core/store/activitystore.h"
#include "ui/mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QMessageBox>
#include <QTimer>

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
    const QCommandLineOption quitAfter(QStringLiteral("quit-after-ms"),
                                       QStringLiteral("Close the window after MS milliseconds (smoke tests)."),
                                       QStringLiteral("MS"));
    parser.addOption(dbOption);
    parser.addOption(quitAfter);
    parser.process(app);

    const QString path = parser.isSet(dbOption) ? parser.value(dbOption) : tricoach::ActivityStore::defaultPath();
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

    tricoach::MainWindow window(**store, athlete->id);
    window.show();
    if (parser.isSet(quitAfter))
        QTimer::singleShot(parser.value(quitAfter).toInt(), &app, &QApplication::quit);
    return app.exec();
}
