#include "core/model/stravalink.h"

namespace tricoach {

QString stravaStreamsId(StravaStreams state)
{
    switch (state) {
    case StravaStreams::Pending:
        return QStringLiteral("pending");
    case StravaStreams::Stored:
        return QStringLiteral("stored");
    case StravaStreams::None:
        return QStringLiteral("none");
    case StravaStreams::File:
        return QStringLiteral("file");
    }
    return QStringLiteral("pending");
}

StravaStreams stravaStreamsFromString(QStringView text)
{
    for (auto s : {StravaStreams::Pending, StravaStreams::Stored, StravaStreams::None, StravaStreams::File}) {
        if (text == stravaStreamsId(s))
            return s;
    }
    return StravaStreams::Pending;
}

} // namespace tricoach
