#pragma once
// Helpers shared by the reader tests: corpus files and the channels of a decoded activity.

#include "core/model/activity.h"

#include <QFile>
#include <QString>

#include <gtest/gtest.h>
#include <set>
#include <vector>

namespace tricoach::test {

// The bytes of tests/data/activities/<folder>/<name>; a test failure when it cannot be read.
inline QByteArray corpusBytes(const char* folder, const char* name)
{
    QFile f(QStringLiteral(TRICOACH_TESTDATA_DIR "/activities/") + QLatin1String(folder) + QLatin1Char('/') +
            QLatin1String(name));
    EXPECT_TRUE(f.open(QIODevice::ReadOnly)) << folder << '/' << name;
    return f.readAll();
}

// The samples of a channel the activity must have (an empty series, and a failure, when it has not).
inline const std::vector<double>& series(const Activity& a, Channel c)
{
    static const std::vector<double> kNone;
    const std::vector<double>* s = a.streams.get(c);
    if (s == nullptr) {
        ADD_FAILURE() << "channel " << static_cast<int>(c) << " missing";
        return kNone;
    }
    return *s;
}

inline std::set<Channel> channelsOf(const Activity& a)
{
    std::set<Channel> out;
    for (const auto& [c, values] : a.streams.channels)
        out.insert(c);
    return out;
}

} // namespace tricoach::test
