#include "app/cli/thresholdfields.h"

#include "app/cli/output.h"

#include <QStringList>

#include <cmath>

namespace tricoach::cli {

const Field& fieldFor(ThresholdField field)
{
    const auto member = thresholdMember(field);
    for (const Field& f : kFields) {
        if (f.member == member)
            return f;
    }
    return kFields.front();
}

double metresPer(Kind kind)
{
    return kind == Kind::PacePerKm ? 1000.0 : 100.0;
}

double displayValue(const Field& f, double stored)
{
    if (f.kind == Kind::Number)
        return stored;
    return std::round(metresPer(f.kind) / stored * 1e6) / 1e6;
}

QString displayText(const Field& f, const std::optional<double>& stored)
{
    if (!stored)
        return QStringLiteral("-");
    if (f.kind == Kind::Number)
        return QString::number(*stored) + QLatin1Char(' ') + QLatin1String(f.unit);
    return minutesSeconds(displayValue(f, *stored)) + QLatin1Char(' ') + QLatin1String(f.unit);
}

QJsonObject thresholdsJson(const Thresholds& t, bool withNulls)
{
    QJsonObject json;
    for (const Field& f : kFields) {
        const std::optional<double>& v = t.*(f.member);
        if (v)
            json.insert(QLatin1String(f.key), displayValue(f, *v));
        else if (withNulls)
            json.insert(QLatin1String(f.key), QJsonValue());
    }
    return json;
}

QString thresholdsText(const Thresholds& t)
{
    QStringList parts;
    for (const Field& f : kFields) {
        if (const auto& v = t.*(f.member))
            parts << QLatin1String(f.label) + QLatin1Char(' ') + displayText(f, v);
    }
    return parts.join(QStringLiteral(", "));
}

} // namespace tricoach::cli
