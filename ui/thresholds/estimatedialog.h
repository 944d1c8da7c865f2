#pragma once
// The thresholds TriCoach estimated from the athlete's activities, offered after the first import: each value
// editable, next to the value in force and the effort it came from. "Use these values" stores them (the first
// ones take effect from the start of the history); "Not now" leaves them for Settings.

#include "core/store/thresholdreads.h"

#include <QDialog>

#include <map>

class QLabel;
class QLineEdit;
class QDoubleSpinBox;

namespace tricoach {

class EstimateDialog : public QDialog {
    Q_OBJECT
public:
    EstimateDialog(const ThresholdEstimates& estimates, QWidget* parent = nullptr);

    // The values as edited (unset where the editor is empty); paces typed as m:ss become speeds.
    Thresholds values() const;
    // For tests and scripts: types `text` into the editor of `field`.
    void setText(ThresholdField field, const QString& text);
    // An editor's content that is not a value ("4:7x") is reported here and blocks accepting.
    QString problem() const;

    void accept() override;

private:
    std::map<ThresholdField, QDoubleSpinBox*> m_numbers;
    std::map<ThresholdField, QLineEdit*> m_paces;
    QLabel* m_problem = nullptr;
};

} // namespace tricoach
