#include "core/strava/syncstate.h"

#include "core/store/activitystore.h"

#include <QJsonArray>

namespace tricoach::strava {

namespace {
QString iso(const QDateTime& t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODateWithMs) : QString();
}
QDateTime fromIso(const QJsonValue& v)
{
    return QDateTime::fromString(v.toString(), Qt::ISODateWithMs).toUTC();
}
} // namespace

QJsonObject SyncState::toJson() const
{
    return QJsonObject{
        {QStringLiteral("athlete_id"), QString::number(athleteId)},
        {QStringLiteral("athlete_name"), athleteName},
        {QStringLiteral("profile_key"), profileKey},
        {QStringLiteral("client_id"), clientId},
        {QStringLiteral("via_account"), viaAccount},
        {QStringLiteral("scopes"), QJsonArray::fromStringList(scopes)},
        {QStringLiteral("problem"), problem},
        {QStringLiteral("last_sync"), iso(lastSync)},
        {QStringLiteral("last_full_list"), iso(lastFullList)},
        {QStringLiteral("backfill_done"), backfillDone},
        {QStringLiteral("backfill_next_page"), backfillNextPage},
        {QStringLiteral("resume_at"), iso(resumeAt)},
        {QStringLiteral("rate"), budget.toJson()},
        {QStringLiteral("last_summary"), lastSummary},
    };
}

SyncState SyncState::fromJson(const QJsonObject& json)
{
    SyncState s;
    s.athleteId = json.value(QLatin1String("athlete_id")).toString().toLongLong();
    s.athleteName = json.value(QLatin1String("athlete_name")).toString();
    s.profileKey = json.value(QLatin1String("profile_key")).toString();
    s.clientId = json.value(QLatin1String("client_id")).toString();
    s.viaAccount = json.value(QLatin1String("via_account")).toBool();
    for (const QJsonValue& v : json.value(QLatin1String("scopes")).toArray())
        s.scopes << v.toString();
    s.problem = json.value(QLatin1String("problem")).toString();
    s.lastSync = fromIso(json.value(QLatin1String("last_sync")));
    s.lastFullList = fromIso(json.value(QLatin1String("last_full_list")));
    s.backfillDone = json.value(QLatin1String("backfill_done")).toBool();
    s.backfillNextPage = std::max(1, json.value(QLatin1String("backfill_next_page")).toInt(1));
    s.resumeAt = fromIso(json.value(QLatin1String("resume_at")));
    s.budget = RateBudget::fromJson(json.value(QLatin1String("rate")).toObject());
    s.lastSummary = json.value(QLatin1String("last_summary")).toObject();
    return s;
}

SyncState loadSyncState(const ActivityStore& store, AthleteId athlete)
{
    return SyncState::fromJson(store.document(athlete, kSyncStateKey).value_or(QJsonObject()));
}

Result<void> saveSyncState(ActivityStore& store, AthleteId athlete, const SyncState& state)
{
    return store.setDocument(athlete, kSyncStateKey, state.toJson());
}

} // namespace tricoach::strava
