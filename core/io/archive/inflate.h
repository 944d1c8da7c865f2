#pragma once

#include "core/util/result.h"

#include <QByteArray>
#include <QByteArrayView>

namespace tricoach::archive::detail {

enum class Wrapper { Gzip, Raw };

// Inflates all of `data` through zlib, growing the output in steps and refusing to pass `maxOutput` bytes.
// `expectedSize` (>= 0 for zip entries, whose size is known) sizes the buffer once and must match exactly.
Result<QByteArray> inflateAll(QByteArrayView data, Wrapper wrapper, qint64 expectedSize, qint64 maxOutput);

} // namespace tricoach::archive::detail
