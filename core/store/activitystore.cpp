// stub: replaced by the store implementation
#include "core/store/activitystore.h"
