#pragma once
// The store's schema history: migration i takes a database from schema version i to i + 1.

#include "core/store/sqlite.h"
#include "core/util/result.h"

#include <QString>

namespace tricoach::store {

// The schema version of `db` (PRAGMA user_version), or an error when the file cannot be read as SQLite.
Result<int> userVersion(const Database& db, const QString& path);

// Runs every migration from the database's current version up to `targetVersion` in one transaction, then
// sets user_version. Tests stop early (target < ActivityStore::kSchemaVersion) to build an old database.
// A database newer than the target is refused with "store.newer-schema".
Result<void> runMigrations(const Database& db, int targetVersion, const QString& path);

// The message used when a database was written by a newer TriCoach.
Error newerSchemaError(const QString& path, int fileVersion);

} // namespace tricoach::store
