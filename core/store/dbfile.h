#pragma once
// Checks an existing file before the store opens it for writing; not part of the public API.

#include "core/util/result.h"

#include <QString>

namespace tricoach::store {

// Refuses, without writing a byte, a file that is not an SQLite database, is truncated or belongs to another
// program ("store.not-a-database"), or was written by a newer TriCoach ("store.newer-schema"). Switching to
// WAL rewrites the header, so this must run before any write pragma. A missing or empty file passes: SQLite
// creates the database in it.
Result<void> checkExistingFile(const QString& path);

} // namespace tricoach::store
