#pragma once
// Numbers as people read them: fixed decimals, and never "-0.0" (a value that rounds to zero has no sign, which
// a reader would otherwise take for a falling trend or a sign error).

#include <QString>

namespace tricoach {

// "52.3", "0.0" for −0.04, "-1.5".
inline QString fixedNumber(double value, int decimals)
{
    QString text = QString::number(value, 'f', decimals);
    if (text.startsWith(QLatin1Char('-'))) {
        bool zero = true;
        for (qsizetype i = 1; i < text.size() && zero; ++i)
            zero = text[i] == QLatin1Char('0') || text[i] == QLatin1Char('.');
        if (zero)
            text.remove(0, 1);
    }
    return text;
}

// A change: "+6.5", "-2.0", and "0.0" when it rounds to nothing.
inline QString signedNumber(double value, int decimals)
{
    const QString text = fixedNumber(value, decimals);
    const bool zero = QString(text).remove(QLatin1Char('0')).remove(QLatin1Char('.')).isEmpty();
    return zero || text.startsWith(QLatin1Char('-')) ? text : QLatin1Char('+') + text;
}

} // namespace tricoach
