// The Strava sync against the emulator (tests/fakes/fakestrava), as `make bench` reports it: for initial syncs of
// 1,000 and 5,000 activities, the requests made (list calls must be ceil(N/200)+1), the wall time of the listing,
// the stream back-fill's planned finish under Strava's default limits (100 reads per 15 minutes, 1,000 a day), the
// wall time of the whole back-fill on the emulator's fast clock, and the requests of a second sync within the hour
// (must be 0). A scenario, not a micro-benchmark: one run, numbers printed as a table.
#include "core/secrets/secretstore.h"
#include "core/store/activitystore.h"
#include "core/strava/stravaaccount.h"
#include "tests/fakes/fakestrava.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTemporaryDir>

#include <cstdio>

using namespace tricoach;

namespace {

struct Row {
    int activities = 0;
    int listCalls = 0;
    int expectedListCalls = 0;
    double listSeconds = 0;
    QString plannedFinish; // virtual time from the start of the sync
    int streamCalls = 0;
    double backfillSeconds = 0;
    int tooMany = 0;
    int secondSyncRequests = 0;
};

QString days(qint64 seconds)
{
    return QStringLiteral("%1 d %2 h").arg(seconds / 86400).arg((seconds % 86400) / 3600);
}

Row run(int n, bool fullBackfill)
{
    Row row;
    row.activities = n;
    row.expectedListCalls = (n + 199) / 200 + 1;
    fakes::FakeStrava strava;
    strava.start();
    strava.addApp(QStringLiteral("1"), QStringLiteral("s"));
    strava.addAthlete(42, QStringLiteral("Bench"), QStringLiteral("Athlete"));
    strava.seed(42, n, 1);
    // The first run on the wall clock, so that it stops when the quarter hour's budget is spent.
    strava.setTimeScale(1);
    qputenv("TRICOACH_STRAVA_TIME_SCALE", "1");
    QTemporaryDir dir;
    auto store = std::move(*ActivityStore::open(dir.filePath(QStringLiteral("bench.sqlite"))));
    const AthleteId athlete = store->defaultAthlete()->id;
    MemorySecrets secrets;
    strava::StravaAccount account(*store, athlete, secrets, {strava.apiBase(), strava.oauthBase()});
    (void)account.setApp({QStringLiteral("1"), QStringLiteral("s")});
    QNetworkAccessManager browser;
    auto connected = account.connect(
        [&](const QUrl& url) {
            QNetworkReply* r = browser.get(QNetworkRequest(strava.authorizeDecision(url, true)));
            QObject::connect(r, &QNetworkReply::finished, r, &QObject::deleteLater);
            return true;
        },
        20'000);
    if (!connected) {
        std::fprintf(stderr, "connect failed: %s\n", qPrintable(connected.error().message));
        return row;
    }
    // First run without waiting: the listing, then recordings until the quarter hour's budget is spent.
    const QDateTime start = strava.virtualNow();
    QElapsedTimer t;
    t.start();
    auto first = account.sync({});
    row.listSeconds = t.elapsed() / 1000.0;
    row.listCalls = strava.counters().listCalls;
    if (first && first->plannedFinish.isValid())
        row.plannedFinish = days(start.secsTo(first->plannedFinish));
    if (fullBackfill) {
        // Then a day passes in 20 real seconds: windows and days of the back-fill pass while the bench waits.
        strava.setTimeScale(4320);
        qputenv("TRICOACH_STRAVA_TIME_SCALE", "4320");
        strava::SyncOptions wait;
        wait.waitForRateLimit = true;
        t.restart();
        (void)account.sync(wait);
        row.backfillSeconds = t.elapsed() / 1000.0;
    }
    row.streamCalls = strava.counters().streamCalls;
    row.tooMany = strava.counters().tooManyRequests;
    const int before = static_cast<int>(strava.requests().size());
    (void)account.sync({});
    row.secondSyncRequests = static_cast<int>(strava.requests().size()) - before;
    return row;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    const bool quick = app.arguments().contains(QStringLiteral("--quick"));
    std::printf("%-10s %-11s %-9s %-12s %-22s %-12s %-14s %-5s %s\n", "activities", "list calls", "expected",
                "listing (s)", "planned back-fill", "stream calls", "back-fill (s)", "429s", "2nd sync requests");
    for (int n : {1000, 5000}) {
        const Row r = run(n, !quick && n == 1000);
        std::printf("%-10d %-11d %-9d %-12.1f %-22s %-12d %-14.1f %-5d %d\n", r.activities, r.listCalls,
                    r.expectedListCalls, r.listSeconds, qPrintable(r.plannedFinish), r.streamCalls, r.backfillSeconds,
                    r.tooMany, r.secondSyncRequests);
        std::fflush(stdout);
    }
    return 0;
}
