#pragma once
// Edits and deletions of activities as undoable commands (Edit ▸ Undo): a deleted activity comes back whole,
// with its streams, laps and lengths; a deleted multisport session comes back with every leg.

#include "core/model/activity.h"

#include <QUndoCommand>

#include <vector>

namespace tricoach {

class TrainingData;

class EditActivityCommand : public QUndoCommand {
public:
    // `before` and `after` are summaries of the same stored activity.
    EditActivityCommand(TrainingData& data, Activity before, Activity after);
    void redo() override;
    void undo() override;

private:
    TrainingData& m_data;
    Activity m_before, m_after;
};

class DeleteActivityCommand : public QUndoCommand {
public:
    // Reads the whole activity now, so that undo can store it again.
    DeleteActivityCommand(TrainingData& data, ActivityId id);
    void redo() override;
    void undo() override;
    // The id the activity has now (it gets a new one when undo stores it again).
    ActivityId currentId() const { return m_id; }
    bool valid() const { return m_valid; }

private:
    TrainingData& m_data;
    ActivityId m_id;
    Activity m_copy;
    bool m_valid = false;
};

// Deletes activities together (the legs of a multisport session), in one transaction each way.
class DeleteActivitiesCommand : public QUndoCommand {
public:
    // Reads the whole activities now, so that undo can store them again; `what` names them in the Edit menu.
    DeleteActivitiesCommand(TrainingData& data, const std::vector<ActivityId>& ids, const QString& what);
    void redo() override;
    void undo() override;
    // The ids the activities have now (they get new ones when undo stores them again).
    const std::vector<ActivityId>& currentIds() const { return m_ids; }
    bool valid() const { return m_valid; }

private:
    TrainingData& m_data;
    std::vector<ActivityId> m_ids;
    std::vector<Activity> m_copies;
    bool m_valid = false;
};

} // namespace tricoach
