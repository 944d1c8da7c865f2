#pragma once

#include "core/io/activityreader.h"

namespace tricoach {

// Reads Garmin FIT activity files, chained FIT files included, into one activity per session.
//
// Errors: a damaged file keeps what was decoded before the damage (DecodedFile::recovered()). A wrong file
// CRC is reported as the error "fit.crc" although every message was read: the user must learn that values may
// be wrong. Refused without activities: FIT files of another type ("fit.not-activity": a course, workout,
// settings or monitoring file), and activities that cannot be placed in the calendar ("fit.no-clock": only
// times of the device's power-on clock, nothing that dates them; "fit.no-times": no time at all).
class FitReader final : public ActivityReader {
public:
    QString formatId() const override;
    bool sniff(QByteArrayView head) const override;
    DecodedFile read(QByteArrayView data) const override;
};

} // namespace tricoach
