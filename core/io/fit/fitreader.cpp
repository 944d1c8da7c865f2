#include "core/io/fit/fitreader.h"

#include "core/io/fit/fitassembler.h"
#include "core/io/fit/fitcollector.h"
#include "core/io/fit/fitdecoder.h"

namespace tricoach {

namespace {
constexpr qsizetype kSignatureOffset = 8; // ".FIT" in the file header (FIT protocol document)
constexpr qsizetype kMinHeaderSize = 12;
} // namespace

QString FitReader::formatId() const
{
    return QStringLiteral("fit");
}

bool FitReader::sniff(QByteArrayView head) const
{
    return head.size() >= kMinHeaderSize && static_cast<std::uint8_t>(head[0]) >= kMinHeaderSize &&
           head.sliced(kSignatureOffset, 4) == QByteArrayView(".FIT", 4);
}

DecodedFile FitReader::read(QByteArrayView data) const
{
    fit::FitCollector collector;
    fit::FitDecoder decoder(collector, collector);
    fit::DecodeOutcome outcome = decoder.decode(data);
    return fit::assembleActivities(collector.result(), std::move(outcome), QDateTime::currentDateTimeUtc());
}

} // namespace tricoach
