#pragma once
// The words the desktop uses for thresholds, their estimates and what changing them recomputed, translated (the
// core's English texts are for the command line).

#include "core/metrics/thresholdestimate.h"
#include "core/store/activitystore.h"

#include <QCoreApplication>
#include <QString>

namespace tricoach {

class ThresholdText {
    Q_DECLARE_TR_FUNCTIONS(ThresholdText)
public:
    static QString name(ThresholdField field);
    // "263 W", "4:10 /km", "172 bpm", "1:45 /100 m"; "—" when unknown.
    static QString value(ThresholdField field, const std::optional<double>& value);
    // Where the estimate came from, or why there is none.
    static QString basis(const ThresholdEstimate& estimate);
    // "Loads of 412 activities from 04/03/2019 on were recomputed (38 changed)."
    static QString recomputed(const ThresholdUpdate& update);
    // "FTP 250 W, run threshold HR 170" for the fields of a stored change (the history table).
    static QString summary(const Thresholds& values);
};

} // namespace tricoach
