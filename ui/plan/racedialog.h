#pragma once
// The race profile editor: the race (date, distance, name), experience, periodization, hours per weekday, pool and
// trainer — what the coach plans with.

#include "core/coach/coachsettings.h"

#include <QDialog>

#include <array>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QDoubleSpinBox;
class QLineEdit;

namespace tricoach {

class RaceDialog : public QDialog {
    Q_OBJECT
public:
    explicit RaceDialog(const CoachSettings& settings, QWidget* parent = nullptr);
    CoachSettings settings() const;

private:
    CoachSettings m_base;
    QLineEdit* m_name = nullptr;
    QDateEdit* m_date = nullptr;
    QComboBox* m_distance = nullptr;
    QComboBox* m_level = nullptr;
    QComboBox* m_model = nullptr;
    std::array<QDoubleSpinBox*, 7> m_hours{};
    QCheckBox* m_pool = nullptr;
    QCheckBox* m_trainer = nullptr;
};

} // namespace tricoach
