// sync_store_writer URL: appends events to the store as fast as it can and prints each id once appendEvent has
// returned (committed). The SQLite durability test kills it mid-stream and looks for every printed id.
#include "sync-server/store/serverstore.h"

#include <QCoreApplication>

#include <cstdio>

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    if (argc != 2)
        return 2;
    tricoach::sync::StoreOptions options;
    options.sqliteFullSync = false; // a killed process, not a power cut: WAL's NORMAL must be enough
    auto store = tricoach::sync::openServerStore(argv[1], options);
    if (!store || !(*store)->migrate())
        return 1;
    for (std::int64_t n = 1;; ++n) {
        tricoach::sync::NewEvent e;
        e.dedupeKey = "writer-" + std::to_string(n);
        e.objectType = "activity";
        e.objectId = n;
        e.aspectType = "create";
        e.updatesJson = "{}";
        e.rawBody = "{}";
        e.userId = 1;
        e.receivedAt = tricoach::sync::Timestamp(std::chrono::milliseconds(n));
        auto appended = (*store)->appendEvent(e);
        if (!appended)
            return 1;
        std::printf("%lld\n", static_cast<long long>(appended->id));
        std::fflush(stdout);
    }
}
