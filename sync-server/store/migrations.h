#pragma once
// The migrations compiled in from migrations/<backend>/*.sql (see store/CMakeLists.txt), oldest first.

#include "sync-server/store/sqlstore.h"

#include <vector>

namespace tricoach::sync::detail {

const std::vector<Migration>& sqliteMigrations();
const std::vector<Migration>& postgresqlMigrations();

} // namespace tricoach::sync::detail
