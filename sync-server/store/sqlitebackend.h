#pragma once
// SQLite for the store: the embedded default. One file in WAL mode; writers take the lock at BEGIN (IMMEDIATE) and
// wait up to the busy timeout for each other, so ids commit in order and a reader can run beside a writer.

#include "sync-server/store/sqlstore.h"

namespace tricoach::sync::detail {

std::unique_ptr<Backend> makeSqliteBackend(std::string path, const StoreOptions& options);

} // namespace tricoach::sync::detail
