// A second program writing the same secrets file, for the tests of FileSecrets across processes:
//   secrets_writer keys <path> <prefix> <count>   stores <prefix>-<i> = value-<i> for i < count, one write each
//   secrets_writer churn <path>                   rewrites the key "counter" with 0, 1, 2, … until killed
#include "core/secrets/filesecrets.h"

#include <QCoreApplication>
#include <QStringList>

#include <cstdio>

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    auto fail = [](const QString& message) {
        std::fprintf(stderr, "secrets_writer: %s\n", qPrintable(message));
        return 1;
    };
    if (args.size() == 5 && args[1] == QStringLiteral("keys")) {
        tricoach::FileSecrets secrets(args[2]);
        const int count = args[4].toInt();
        for (int i = 0; i < count; ++i) {
            auto written =
                secrets.write(QStringLiteral("%1-%2").arg(args[3]).arg(i), QStringLiteral("value-%1").arg(i));
            if (!written)
                return fail(written.error().message);
        }
        return 0;
    }
    if (args.size() == 3 && args[1] == QStringLiteral("churn")) {
        tricoach::FileSecrets secrets(args[2]);
        // A large neighbour makes each write take long enough that a kill lands in the middle of some.
        if (auto written = secrets.write(QStringLiteral("filler"), QString(256 * 1024, QLatin1Char('x'))); !written)
            return fail(written.error().message);
        std::fprintf(stdout, "ready\n");
        std::fflush(stdout);
        for (qint64 i = 0;; ++i) {
            if (auto written = secrets.write(QStringLiteral("counter"), QString::number(i)); !written)
                return fail(written.error().message);
        }
    }
    return fail(QStringLiteral("usage: secrets_writer keys <path> <prefix> <count> | churn <path>"));
}
