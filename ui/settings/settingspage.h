#pragma once
// Settings: thresholds with the day they take effect and the zones that follow from them, where each sport's load
// comes from, the chart's time constants, and the desktop's units, theme, language and data folder.

#include "core/metrics/settings.h"
#include "core/model/athlete.h"

#include <QWidget>

#include <map>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QScrollArea;
class QTableWidget;
class QVBoxLayout;

namespace tricoach {

class Preferences;
class TrainingData;

class SettingsPage : public QWidget {
    Q_OBJECT
public:
    SettingsPage(TrainingData& training, Preferences& preferences, QWidget* parent = nullptr);
    void refresh();

    // The form's thresholds, as "Save thresholds" stores them (unset fields are left out of the change).
    ThresholdChange thresholdForm() const;
    void setThresholdField(const QString& objectName, double value); // for tests and scripts
    void saveThresholds();
    void saveTrainingSettings();
    // The zone edges as typed (% of threshold → fractions); a column that is not six rising values is empty.
    ZoneSettings zoneEdgesForm() const;
    void saveZoneEdges();
    QTableWidget* zoneEdgesTable() const { return m_edges; }

    // "4:20" → seconds; nothing for text that is not m:ss.
    static std::optional<double> parseClock(const QString& text);
    QString message() const;
    // A section the window adds (Settings ▸ Strava), first in the right-hand column; reveal() scrolls to it.
    void addSection(QWidget* section);
    void reveal(QWidget* section);

Q_SIGNALS:
    // "Estimate from my activities…": the window offers the estimates (ThresholdAdvisor::offer).
    void estimateRequested();

private:
    void fillZones();
    void fillZoneEdges(const ZoneSettings& zones);
    QWidget* buildThresholds();
    QWidget* buildTraining();
    QWidget* buildDisplay();
    QWidget* buildCoach();

public:
    // Stores the AI coach's server and model in the preferences and the key in the keychain (empty: removed).
    void saveCoach(const QString& url, const QString& model, bool azure, const QString& key);

private:
    TrainingData& m_data;
    Preferences& m_preferences;
    QDateEdit* m_effective = nullptr;
    std::map<QString, QDoubleSpinBox*> m_numbers;
    QLineEdit* m_runPace = nullptr;
    QLineEdit* m_swimPace = nullptr;
    QTableWidget* m_history = nullptr;
    QTableWidget* m_zones = nullptr;
    QTableWidget* m_edges = nullptr;
    bool m_fillingEdges = false;
    std::map<int, QListWidget*> m_precedence; // by Sport
    QDoubleSpinBox* m_fitnessDays = nullptr;
    QDoubleSpinBox* m_fatigueDays = nullptr;
    QComboBox* m_units = nullptr;
    QComboBox* m_theme = nullptr;
    QComboBox* m_language = nullptr;
    QLabel* m_dataFolder = nullptr;
    QLineEdit* m_llmUrl = nullptr;
    QLineEdit* m_llmModel = nullptr;
    QLineEdit* m_llmKey = nullptr;
    QCheckBox* m_llmAzure = nullptr;
    QLabel* m_message = nullptr;
    QScrollArea* m_scroll = nullptr;
    QVBoxLayout* m_right = nullptr;
};

} // namespace tricoach
