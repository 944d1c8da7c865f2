#pragma once
// Variants of real GPX and TCX files built in the tests: times shifted or stripped, tracks joined into one file,
// values replaced. Text surgery on the real bytes, so everything else in the file stays as the device wrote it.

#include <QByteArray>
#include <QDateTime>
#include <QRegularExpression>
#include <QString>

#include <cstdlib>
#include <functional>

namespace tricoach::test {

// Every match of `pattern` (capture 1 = the part to change) replaced by `edit(capture 1, match index)`.
inline QByteArray editMatches(const QByteArray& text, const QString& pattern,
                              const std::function<QByteArray(const QByteArray&, int)>& edit)
{
    const QRegularExpression re(pattern, QRegularExpression::DotMatchesEverythingOption);
    const QString s = QString::fromUtf8(text);
    QByteArray out;
    qsizetype at = 0;
    int index = 0;
    auto it = re.globalMatch(s);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        out += s.mid(at, m.capturedStart(1) - at).toUtf8();
        out += edit(m.captured(1).toUtf8(), index++);
        at = m.capturedEnd(1);
    }
    out += s.mid(at).toUtf8();
    return out;
}

// An ISO 8601 time moved by `seconds`, written back in UTC with milliseconds.
inline QByteArray shiftedIso(const QByteArray& iso, qint64 seconds)
{
    QDateTime t = QDateTime::fromString(QString::fromUtf8(iso.trimmed()), Qt::ISODateWithMs);
    return t.toUTC().addSecs(seconds).toString(Qt::ISODateWithMs).toUtf8();
}

// An ISO 8601 time written as the local time of a zone `offsetSec` east of UTC, with that offset ("+01:15"), or
// with no zone at all when `withZone` is false (the same instant, as a device writing local time puts it).
inline QByteArray localIso(const QByteArray& iso, int offsetSec, bool withZone = true)
{
    const QDateTime utc = QDateTime::fromString(QString::fromUtf8(iso.trimmed()), Qt::ISODateWithMs).toUTC();
    QByteArray local = utc.addSecs(offsetSec).toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz")).toUtf8();
    if (!withZone)
        return local;
    const int minutes = std::abs(offsetSec) / 60;
    return local + (offsetSec < 0 ? "-" : "+") + QByteArray::number(minutes / 60).rightJustified(2, '0') + ':' +
           QByteArray::number(minutes % 60).rightJustified(2, '0');
}

// Every GPX <time> (track points, metadata) moved by `seconds`.
inline QByteArray shiftGpxTimes(const QByteArray& gpx, qint64 seconds)
{
    return editMatches(gpx, QStringLiteral("<time>([^<]*)</time>"),
                       [&](const QByteArray& t, int) { return shiftedIso(t, seconds); });
}

// The <trk>...</trk> elements of a GPX file, as written.
inline QByteArray gpxTracks(const QByteArray& gpx)
{
    const qsizetype from = gpx.indexOf("<trk>");
    const qsizetype to = gpx.lastIndexOf("</trk>");
    return from < 0 || to < from ? QByteArray() : gpx.mid(from, to + 6 - from);
}

// `gpx` with its tracks replaced by `tracks` (root element, namespaces and metadata kept).
inline QByteArray withGpxTracks(const QByteArray& gpx, const QByteArray& tracks)
{
    const qsizetype from = gpx.indexOf("<trk>");
    const qsizetype to = gpx.lastIndexOf("</trk>");
    return gpx.left(from) + tracks + gpx.mid(to + 6);
}

// The text between the n-th (0-based) `open` and its `close`, e.g. one <trk> of several.
inline QByteArray nthElement(const QByteArray& text, const QByteArray& open, const QByteArray& close, int n)
{
    qsizetype from = -1;
    for (int i = 0; i <= n; ++i) {
        from = text.indexOf(open, from + 1);
        if (from < 0)
            return {};
    }
    const qsizetype to = text.indexOf(close, from);
    return to < 0 ? QByteArray() : text.mid(from, to + close.size() - from);
}

// Every element `<tag>...</tag>` (any prefix, any attributes) removed.
inline QByteArray withoutElements(const QByteArray& text, const QString& tag)
{
    QString s = QString::fromUtf8(text);
    s.remove(QRegularExpression(QStringLiteral("<(\\w+:)?%1(\\s[^>]*)?>.*?</(\\w+:)?%1>").arg(tag),
                                QRegularExpression::DotMatchesEverythingOption));
    return s.toUtf8();
}

} // namespace tricoach::test
