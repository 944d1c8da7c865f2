#pragma once
// The Plan page: the race the coach plans for, the weeks to it (season view with phases and projected Fitness and
// Form), one week's sessions in full next to what was actually done, and the race-day strategy.

#include "core/coach/coachsettings.h"
#include "core/coach/llmcoach.h"
#include "core/coach/plan.h"
#include "core/coach/racestrategy.h"

#include <QDate>
#include <QWidget>

#include <memory>
#include <optional>

class QLabel;
class QPushButton;
class QTabWidget;
class QTableWidget;
class QTextBrowser;
class QTreeWidget;

namespace tricoach {

class Preferences;
class TrainingData;

class PlanPage : public QWidget {
    Q_OBJECT
public:
    PlanPage(TrainingData& training, Preferences& preferences, QWidget* parent = nullptr);
    ~PlanPage() override;

    void refresh();
    void setToday(const QDate& today);
    // Saves the race profile and plans again (what the race dialog's OK does).
    void setCoachSettings(const CoachSettings& settings);
    void showWeek(const QDate& anyDay);
    void editRace();
    // Asks the AI coach (Settings) for the shown week; the answer replaces it when it passes the rules.
    void askCoach();
    void cancelCoach();
    // Asks the AI coach to write the race-day strategy (the computed targets stay).
    void askCoachForRace();
    QString raceNote() const;
    // Moves a session of the shown week to another day of it (kept with the race settings); the coaching rules
    // are checked on the week and any finding is shown.
    void moveWorkout(const QDate& from, const QString& sessionType, const QDate& to);
    bool coachBusy() const;
    QString coachNote() const;

    const std::optional<SeasonPlan>& plan() const { return m_plan; }
    QDate shownWeek() const { return m_week; }
    QTreeWidget* weekView() const { return m_weekView; }
    QTableWidget* seasonTable() const { return m_season; }
    QTextBrowser* raceView() const { return m_race; }
    // Completed minutes / planned minutes of the shown week's days up to today, when any were planned.
    std::optional<double> compliance() const { return m_compliance; }

Q_SIGNALS:
    void planChanged();

private:
    QDate today() const;
    // The AI coach's server, model and key (from the keychain).
    LlmSettings llmSettings();
    void fillWeek();
    void fillSeason();
    void fillRace();

    TrainingData& m_data;
    Preferences& m_preferences;
    QDate m_today;
    QDate m_week;
    std::optional<CoachSettings> m_settings;
    std::optional<SeasonPlan> m_plan;
    std::optional<double> m_compliance;
    QLabel* m_summary = nullptr;
    QLabel* m_weekTitle = nullptr;
    QLabel* m_complianceLabel = nullptr;
    QTabWidget* m_tabs = nullptr;
    QTreeWidget* m_weekView = nullptr;
    QTableWidget* m_season = nullptr;
    QTextBrowser* m_race = nullptr;
    QPushButton* m_previous = nullptr;
    QPushButton* m_ask = nullptr;
    QPushButton* m_cancelAsk = nullptr;
    QLabel* m_coachNote = nullptr;
    std::unique_ptr<LlmCoach> m_coach;
    std::optional<WeekPlan> m_llmWeek; // the AI coach's version of one week
    std::optional<RaceStrategy> m_llmStrategy;
    QPushButton* m_askRace = nullptr;
    QLabel* m_raceNote = nullptr;
    QPushButton* m_next = nullptr;
};

} // namespace tricoach
