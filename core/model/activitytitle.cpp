#include "core/model/activitytitle.h"

#include <QLocale>

namespace tricoach {

namespace {

QString sportWord(Sport sport)
{
    switch (sport) {
    case Sport::Other:
        return QStringLiteral("Activity");
    case Sport::Strength:
        return QStringLiteral("Strength");
    default:
        return sportId(sport);
    }
}

} // namespace

QString defaultTitle(Sport sport, const QDateTime& startUtc, int utcOffsetSec)
{
    if (!startUtc.isValid())
        return sportWord(sport);
    const QDateTime local = startUtc.toUTC().addSecs(utcOffsetSec);
    // QLocale::c() writes "Oct" whatever the athlete's locale: the title is data, stored and compared.
    const QString when = QLocale::c().toString(local.date(), QStringLiteral("d MMM yyyy")) + QLatin1Char(' ') +
                         local.time().toString(QStringLiteral("HH:mm"));
    return sportWord(sport) + QStringLiteral(" – ") + when;
}

void giveDefaultTitle(Activity& a)
{
    if (a.title.trimmed().isEmpty())
        a.title = defaultTitle(a.sport, a.startUtc, a.utcOffsetSec);
}

bool isDefaultTitle(const QString& title, const QDateTime& startUtc, int utcOffsetSec)
{
    for (Sport s : kAllSports) {
        if (title == defaultTitle(s, startUtc, utcOffsetSec))
            return true;
    }
    return false;
}

} // namespace tricoach
