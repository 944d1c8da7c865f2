#pragma once

#include "core/io/activityreader.h"

#include <QJsonObject>

namespace tricoach {

// The normalized activity as JSON (`tricoach-cli decode FILE --json`): snake_case keys, SI units, null for
// values that are unknown or NaN; streams only when asked for (they are large).
QJsonObject activityToJson(const Activity& activity, bool withStreams);

// {format, activities: [...], warnings: [...], error: {code, message, byte_offset, line} | null}. `format` is
// the reader's formatId(); empty gives null.
QJsonObject decodedFileToJson(const DecodedFile& file, bool withStreams, const QString& format = QString());

} // namespace tricoach
