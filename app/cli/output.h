#pragma once
// Plain-text tables and JSON on stdout, and the number formats the tables share.

#include <QDate>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>
#include <QTextStream>

#include <optional>
#include <vector>

namespace tricoach::cli {

// A table with a header row and a rule under it; columns are padded to their widest cell.
class TextTable {
public:
    enum class Align { Left, Right };

    void addColumn(const QString& header, Align align = Align::Right);
    void addRow(QStringList cells); // missing cells are blank
    bool empty() const { return m_rows.empty(); }
    void write(QTextStream& out) const;

private:
    struct Column {
        QString header;
        Align align;
    };
    std::vector<Column> m_columns;
    std::vector<QStringList> m_rows;
};

// Indented JSON. Numbers keep full double precision (the shortest text that reads back to the same double).
void writeJson(QTextStream& out, const QJsonArray& json);
void writeJson(QTextStream& out, const QJsonObject& json);

// null for an unknown value; the number otherwise.
QJsonValue jsonOrNull(const std::optional<double>& value);
QJsonValue jsonOrNull(const std::optional<int>& value);

QString fixed(double value, int decimals);                         // "52.3"
QString fixedOrDash(const std::optional<double>& v, int decimals); // "-" when unknown
QString hoursMinutes(double seconds);                              // "1:05"
QString minutesSeconds(double seconds);                            // "4:10"
QString clockTime(double seconds);                                 // "1:05:30", or "1:52" under an hour
QString isoDate(const QDate& date);                                // "2024-06-01"

} // namespace tricoach::cli
