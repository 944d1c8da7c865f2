#pragma once
// The encoder of one recorded series (the format is described in streamcodec.h).

#include <QByteArray>

#include <vector>

namespace tricoach::store {

// Appends `values` encoded to `out`: 'D' when every sample round-trips at one of the scales, else 'F'.
void appendSeries(QByteArray& out, int channel, const std::vector<double>& values);

} // namespace tricoach::store
