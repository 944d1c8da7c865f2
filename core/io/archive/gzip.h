#pragma once

#include "core/util/result.h"

#include <QByteArray>
#include <QByteArrayView>

namespace tricoach::archive {

// Largest output any decompression here produces: 1 GiB. An activity file is a few MB (a 24-hour FIT file with
// 1 s records is ~10 MB); beyond this limit the input is a decompression bomb or not an activity.
inline constexpr qint64 kMaxInflatedBytes = qint64(1) << 30;

// True when the data starts with the gzip magic bytes (RFC 1952: 1f 8b).
bool isGzip(QByteArrayView data);

// Decompresses a gzip file (concatenated members are joined, as gzip(1) does). Errors: "gzip.corrupt",
// "gzip.truncated", "archive.too-large" (output above `maxOutput`).
Result<QByteArray> gunzip(QByteArrayView data, qint64 maxOutput = kMaxInflatedBytes);

} // namespace tricoach::archive
