#include "app/cli/output.h"

#include "app/cli/terminal.h"
#include "core/util/numberformat.h"

#include <QDate>
#include <QJsonDocument>

#include <algorithm>
#include <cmath>

namespace tricoach::cli {

void TextTable::addColumn(const QString& header, Align align)
{
    m_columns.push_back({header, align});
}

void TextTable::addRow(QStringList cells)
{
    // A line break in a title would print a row that is not there.
    for (QString& cell : cells)
        cell = singleLine(cell);
    m_rows.push_back(std::move(cells));
}

void TextTable::write(QTextStream& out) const
{
    std::vector<qsizetype> widths;
    for (const Column& c : m_columns)
        widths.push_back(c.header.size());
    for (const QStringList& row : m_rows) {
        for (std::size_t i = 0; i < widths.size(); ++i)
            widths[i] = std::max(widths[i], row.value(static_cast<qsizetype>(i)).size());
    }
    auto line = [&](const QStringList& cells) {
        QString text;
        for (std::size_t i = 0; i < m_columns.size(); ++i) {
            const QString cell = cells.value(static_cast<qsizetype>(i));
            const auto width = static_cast<int>(widths[i]);
            if (i > 0)
                text += QStringLiteral("  ");
            text += m_columns[i].align == Align::Left ? cell.leftJustified(width) : cell.rightJustified(width);
        }
        // Trailing blanks of a left-aligned last column are noise in files and diffs.
        while (text.endsWith(QLatin1Char(' ')))
            text.chop(1);
        out << text << '\n';
    };
    QStringList headers;
    QStringList rules;
    for (std::size_t i = 0; i < m_columns.size(); ++i) {
        headers << m_columns[i].header;
        rules << QString(widths[i], QLatin1Char('-'));
    }
    line(headers);
    line(rules);
    for (const QStringList& row : m_rows)
        line(row);
    out.flush();
}

void writeJson(QTextStream& out, const QJsonArray& json)
{
    out << QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Indented));
    out.flush();
}

void writeJson(QTextStream& out, const QJsonObject& json)
{
    out << QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Indented));
    out.flush();
}

QJsonValue jsonOrNull(const std::optional<double>& value)
{
    return value ? QJsonValue(*value) : QJsonValue();
}

QJsonValue jsonOrNull(const std::optional<int>& value)
{
    return value ? QJsonValue(*value) : QJsonValue();
}

QString fixed(double value, int decimals)
{
    return fixedNumber(value, decimals);
}

QString fixedOrDash(const std::optional<double>& v, int decimals)
{
    return v ? fixed(*v, decimals) : QStringLiteral("-");
}

QString hoursMinutes(double seconds)
{
    const auto minutes = static_cast<long long>(std::llround(std::max(0.0, seconds) / 60.0));
    return QStringLiteral("%1:%2").arg(minutes / 60).arg(minutes % 60, 2, 10, QLatin1Char('0'));
}

QString minutesSeconds(double seconds)
{
    const auto total = static_cast<long long>(std::llround(std::max(0.0, seconds)));
    return QStringLiteral("%1:%2").arg(total / 60).arg(total % 60, 2, 10, QLatin1Char('0'));
}

QString clockTime(double seconds)
{
    const auto total = static_cast<long long>(std::llround(std::max(0.0, seconds)));
    if (total < 3600)
        return minutesSeconds(static_cast<double>(total));
    return QStringLiteral("%1:%2:%3")
        .arg(total / 3600)
        .arg((total / 60) % 60, 2, 10, QLatin1Char('0'))
        .arg(total % 60, 2, 10, QLatin1Char('0'));
}

QString isoDate(const QDate& date)
{
    return date.toString(Qt::ISODate);
}

} // namespace tricoach::cli
