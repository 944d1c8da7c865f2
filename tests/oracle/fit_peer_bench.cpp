// Our side of scripts/bench-peers.sh, on the same files the peers read:
//
//   fit_peer_bench write-ride OUT.fit            writes the synthetic 10-hour 1 Hz ride
//   fit_peer_bench throughput SECONDS FILE...   decodes the files in a loop for about SECONDS after a warm-up
//                                               and prints {"bytes", "iterations", "seconds", "mb_per_s"}
//
// Throughput is in-process and steady-state (files read into memory first, one untimed pass), exactly as
// tests/oracle/fitsdk_bench.mjs measures the SDK inside node, so the two numbers compare decoders, not
// process start-up or disk reads.
#include "core/io/fit/fitreader.h"
#include "tests/unit/core/io/fit/syntheticride.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include <chrono>
#include <cstdio>
#include <vector>

using namespace tricoach;

namespace {

int usage()
{
    QTextStream(stderr) << "usage: fit_peer_bench write-ride OUT.fit\n"
                           "       fit_peer_bench throughput SECONDS FILE...\n";
    return 2;
}

// The ride of tricoach_bench's BM_FitReaderTenHourRide: 36,000 records (10 h at 1 Hz) with every channel, a
// lap every 10 minutes, the session and the activity message.
QByteArray tenHourRide()
{
    constexpr std::uint32_t kStart = 1'000'000'000; // FIT seconds: 2021-09-08
    constexpr int kRecords = 10 * 3600;
    return fittest::syntheticRide(kStart, kRecords);
}

int writeRide(const QString& path)
{
    QFile out(path);
    const QByteArray ride = tenHourRide();
    if (!out.open(QIODevice::WriteOnly) || out.write(ride) != ride.size()) {
        QTextStream(stderr) << "fit_peer_bench: cannot write " << path << '\n';
        return 1;
    }
    QTextStream(stdout) << path << ": " << ride.size() << " bytes\n";
    return 0;
}

int throughput(double minSeconds, const QStringList& paths)
{
    std::vector<QByteArray> files;
    qint64 bytes = 0;
    for (const QString& p : paths) {
        QFile f(p);
        if (!f.open(QIODevice::ReadOnly)) {
            QTextStream(stderr) << "fit_peer_bench: cannot read " << p << '\n';
            return 1;
        }
        files.push_back(f.readAll());
        bytes += files.back().size();
    }
    const FitReader reader;
    std::size_t sink = 0; // keeps the decode from being optimised away
    const auto pass = [&] {
        for (const QByteArray& f : files)
            sink += reader.read(f).activities.size();
    };
    pass(); // warm-up: page in the code and the allocator's arenas

    using Clock = std::chrono::steady_clock;
    const auto start = Clock::now();
    qint64 iterations = 0;
    double seconds = 0;
    do {
        pass();
        ++iterations;
        seconds = std::chrono::duration<double>(Clock::now() - start).count();
    } while (seconds < minSeconds);

    const QJsonObject result{{QStringLiteral("bytes"), bytes},
                             {QStringLiteral("files"), static_cast<qint64>(files.size())},
                             {QStringLiteral("iterations"), iterations},
                             {QStringLiteral("seconds"), seconds},
                             {QStringLiteral("mb_per_s"), static_cast<double>(bytes * iterations) / 1e6 / seconds},
                             {QStringLiteral("activities"), static_cast<qint64>(sink)}};
    QTextStream(stdout) << QJsonDocument(result).toJson(QJsonDocument::Compact) << '\n';
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments().mid(1);
    if (args.size() == 2 && args[0] == QLatin1String("write-ride"))
        return writeRide(args[1]);
    if (args.size() >= 3 && args[0] == QLatin1String("throughput")) {
        bool ok = false;
        const double seconds = args[1].toDouble(&ok);
        if (!ok || seconds <= 0)
            return usage();
        return throughput(seconds, args.mid(2));
    }
    return usage();
}
