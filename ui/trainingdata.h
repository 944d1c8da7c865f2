#pragma once
// The current athlete's data as the pages see it: one store, one athlete at a time, and a signal whenever either
// changes, so every page redraws from the same truth.

#include "core/model/activity.h"
#include "core/model/athlete.h"

#include <QObject>
#include <QString>

namespace tricoach {

class ActivityStore;

// Owns no data: it points at the open store and says which athlete is shown. Pages read through store().
class TrainingData : public QObject {
    Q_OBJECT
public:
    TrainingData(ActivityStore& store, AthleteId athlete, QObject* parent = nullptr);

    ActivityStore& store() const { return m_store; }
    AthleteId athlete() const { return m_athlete; }
    QString athleteName() const;
    QString databasePath() const;

    // Shows another athlete's data (profiles); emits athleteChanged and changed.
    void setAthlete(AthleteId athlete);
    // Tells every page that activities, thresholds or settings changed (after an import, edit or delete).
    void notifyChanged();
    // Tells the window that a change the athlete asked for (an edit, a delete, an undo) could not be stored;
    // `what` is the action in their words, `message` the store's reason.
    void reportFailure(const QString& what, const QString& message);

Q_SIGNALS:
    void athleteChanged(tricoach::AthleteId athlete);
    void changed();
    void failed(const QString& what, const QString& message);

private:
    ActivityStore& m_store;
    AthleteId m_athlete;
};

} // namespace tricoach
