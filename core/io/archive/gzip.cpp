#include "core/io/archive/gzip.h"

#include "core/io/archive/inflate.h"

namespace tricoach::archive {

bool isGzip(QByteArrayView data)
{
    return data.size() >= 2 && static_cast<unsigned char>(data[0]) == 0x1f &&
           static_cast<unsigned char>(data[1]) == 0x8b;
}

Result<QByteArray> gunzip(QByteArrayView data, qint64 maxOutput)
{
    if (!isGzip(data))
        return makeError(QStringLiteral("This is not a gzip file (it lacks the gzip signature)."),
                         QStringLiteral("gzip.corrupt"));
    return detail::inflateAll(data, detail::Wrapper::Gzip, -1, maxOutput);
}

} // namespace tricoach::archive
