#pragma once

#include "core/io/activityreader.h"

namespace tricoach {

// Reads Garmin FIT activity files, chained FIT files included, into one activity per session.
//
// Errors: a damaged file keeps what was decoded before the damage (DecodedFile::recovered()). A wrong file
// CRC is reported as the error "fit.crc" although every message was read: the user must learn that values may
// be wrong.
class FitReader final : public ActivityReader {
public:
    QString formatId() const override;
    bool sniff(QByteArrayView head) const override;
    DecodedFile read(QByteArrayView data) const override;
};

} // namespace tricoach
