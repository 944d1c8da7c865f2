#include "ui/trainingdata.h"

#include "core/store/activitystore.h"

namespace tricoach {

TrainingData::TrainingData(ActivityStore& store, AthleteId athlete, QObject* parent)
    : QObject(parent)
    , m_store(store)
    , m_athlete(athlete)
{
}

QString TrainingData::athleteName() const
{
    const auto a = m_store.athlete(m_athlete);
    return a ? a->name : QString();
}

QString TrainingData::databasePath() const
{
    return m_store.path();
}

void TrainingData::setAthlete(AthleteId athlete)
{
    if (athlete == m_athlete)
        return;
    m_athlete = athlete;
    Q_EMIT athleteChanged(athlete);
    Q_EMIT changed();
}

void TrainingData::notifyChanged()
{
    Q_EMIT changed();
}

void TrainingData::reportFailure(const QString& what, const QString& message)
{
    Q_EMIT failed(what, message);
}

} // namespace tricoach
