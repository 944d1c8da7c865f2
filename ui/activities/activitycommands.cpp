#include "ui/activities/activitycommands.h"

#include "core/store/activitystore.h"
#include "ui/trainingdata.h"

#include <QCoreApplication>
#include <QDebug>

namespace tricoach {

EditActivityCommand::EditActivityCommand(TrainingData& data, Activity before, Activity after)
    : m_data(data)
    , m_before(std::move(before))
    , m_after(std::move(after))
{
    setText(QCoreApplication::translate("ActivityCommands", "Edit “%1”").arg(m_after.title));
}

void EditActivityCommand::redo()
{
    if (auto r = m_data.store().updateActivity(m_after); !r)
        m_data.reportFailure(text(), r.error().message);
    m_data.notifyChanged();
}

void EditActivityCommand::undo()
{
    if (auto r = m_data.store().updateActivity(m_before); !r)
        m_data.reportFailure(text(), r.error().message);
    m_data.notifyChanged();
}

DeleteActivityCommand::DeleteActivityCommand(TrainingData& data, ActivityId id)
    : m_data(data)
    , m_id(id)
{
    auto whole = data.store().activity(id, true);
    m_valid = whole.ok();
    if (m_valid)
        m_copy = std::move(*whole);
    setText(QCoreApplication::translate("ActivityCommands", "Delete “%1”").arg(m_copy.title));
}

void DeleteActivityCommand::redo()
{
    if (auto r = m_data.store().removeActivity(m_id); !r)
        m_data.reportFailure(text(), r.error().message);
    m_data.notifyChanged();
}

void DeleteActivityCommand::undo()
{
    Activity again = m_copy;
    again.id = 0;
    auto added = m_data.store().addActivity(again);
    if (!added)
        m_data.reportFailure(text(), added.error().message);
    else
        m_id = added->id;
    m_data.notifyChanged();
}

DeleteActivitiesCommand::DeleteActivitiesCommand(TrainingData& data, const std::vector<ActivityId>& ids,
                                                 const QString& what)
    : m_data(data)
    , m_ids(ids)
{
    m_valid = !ids.empty();
    for (const ActivityId id : ids) {
        auto whole = data.store().activity(id, true);
        if (!whole) {
            m_valid = false;
            break;
        }
        m_copies.push_back(std::move(*whole));
    }
    setText(QCoreApplication::translate("ActivityCommands", "Delete “%1”").arg(what));
}

void DeleteActivitiesCommand::redo()
{
    if (auto r = m_data.store().removeActivities(m_ids); !r)
        m_data.reportFailure(text(), r.error().message);
    m_data.notifyChanged();
}

void DeleteActivitiesCommand::undo()
{
    std::vector<Activity> again = m_copies;
    for (Activity& a : again)
        a.id = 0;
    auto added = m_data.store().addActivities(again);
    if (!added) {
        m_data.reportFailure(text(), added.error().message);
    } else {
        m_ids.clear();
        for (const AddResult& r : *added)
            m_ids.push_back(r.id);
    }
    m_data.notifyChanged();
}

} // namespace tricoach
