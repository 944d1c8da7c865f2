// fake_strava: the Strava emulator (tests/fakes/fakestrava.h) as a process, for end-to-end tests with other
// programs (the CLI, a headless browser, benchmarks). Prints one JSON line when listening:
// {"api_base": ..., "oauth_base": ..., "athletes": [...]}, and exits cleanly on SIGTERM or SIGINT.

#include "tests/fakes/fakestrava.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimer>

#include <csignal>
#include <cstdio>

namespace {

volatile std::sig_atomic_t g_stop = 0;

void onSignal(int)
{
    g_stop = 1;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Strava API emulator for tests"));
    parser.addHelpOption();
    const QCommandLineOption port(QStringLiteral("port"), QStringLiteral("Port on 127.0.0.1 (0: a free one)."),
                                  QStringLiteral("n"), QStringLiteral("0"));
    const QCommandLineOption clientId(QStringLiteral("client-id"), QStringLiteral("The app's client id."),
                                      QStringLiteral("id"), QStringLiteral("12345"));
    const QCommandLineOption secret(QStringLiteral("client-secret"), QStringLiteral("The app's client secret."),
                                    QStringLiteral("secret"), QStringLiteral("fake-secret"));
    const QCommandLineOption athletes(QStringLiteral("athletes"), QStringLiteral("How many athletes."),
                                      QStringLiteral("n"), QStringLiteral("1"));
    const QCommandLineOption activities(QStringLiteral("activities"), QStringLiteral("Activities per athlete."),
                                        QStringLiteral("n"), QStringLiteral("200"));
    const QCommandLineOption seed(QStringLiteral("seed"), QStringLiteral("Random seed of the histories."),
                                  QStringLiteral("n"), QStringLiteral("1"));
    const QCommandLineOption scale(QStringLiteral("time-scale"), QStringLiteral("Virtual seconds per real second."),
                                   QStringLiteral("x"), QStringLiteral("1"));
    const QCommandLineOption limits(QStringLiteral("rate-limits"),
                                    QStringLiteral("overall15,overallDay,read15,readDay (default 200,2000,100,1000)."),
                                    QStringLiteral("a,b,c,d"));
    const QCommandLineOption faults(QStringLiteral("random-faults"),
                                    QStringLiteral("Probability of a random fault on each API call."),
                                    QStringLiteral("p"), QStringLiteral("0"));
    parser.addOptions({port, clientId, secret, athletes, activities, seed, scale, limits, faults});
    parser.process(app);

    tricoach::fakes::FakeStrava strava;
    strava.addApp(parser.value(clientId), parser.value(secret));
    strava.setTimeScale(parser.value(scale).toDouble());
    if (parser.isSet(limits)) {
        const QStringList parts = parser.value(limits).split(QLatin1Char(','));
        if (parts.size() != 4) {
            std::fputs("--rate-limits takes four numbers: overall15,overallDay,read15,readDay\n", stderr);
            return 2;
        }
        strava.setRateLimits(parts[0].toInt(), parts[1].toInt(), parts[2].toInt(), parts[3].toInt());
    }
    const quint32 randomSeed = parser.value(seed).toUInt();
    if (parser.value(faults).toDouble() > 0)
        strava.setRandomFaults(parser.value(faults).toDouble(), randomSeed);
    static const char* const names[][2] = {{"Anna", "Berg"}, {"Ben", "Cole"}, {"Chiara", "Rossi"}, {"Dmitri", "Orlov"}};
    QJsonArray ids;
    for (int i = 0; i < parser.value(athletes).toInt(); ++i) {
        const qint64 id = 28476120 + 7919 * i;
        strava.addAthlete(id, QString::fromUtf8(names[i % 4][0]), QString::fromUtf8(names[i % 4][1]));
        strava.seed(id, parser.value(activities).toInt(), randomSeed + static_cast<quint32>(i));
        ids.append(id);
    }
    if (!strava.start(static_cast<quint16>(parser.value(port).toUInt()))) {
        std::fputs("fake_strava: cannot listen on that port\n", stderr);
        return 1;
    }
    const QJsonObject hello{{QStringLiteral("api_base"), strava.apiBase().toString()},
                            {QStringLiteral("oauth_base"), strava.oauthBase().toString()},
                            {QStringLiteral("athletes"), ids}};
    std::fputs(QJsonDocument(hello).toJson(QJsonDocument::Compact).constData(), stdout);
    std::fputs("\n", stdout);
    std::fflush(stdout);

    std::signal(SIGTERM, onSignal);
    std::signal(SIGINT, onSignal);
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &app, [] {
        if (g_stop)
            QCoreApplication::quit();
    });
    poll.start(50);
    return app.exec();
}
