#pragma once
// The optional LLM coach: an OpenAI-compatible chat-completions client (OpenAI, Azure OpenAI, or a local Ollama,
// llama.cpp or vLLM server) that asks for a week in the roadmap's JSON schema, checks it with the plan validator,
// gives the model one chance to repair it, and otherwise hands back the engine's week with the reason.
//
// Strava's API agreement forbids feeding Strava data to AI models: the context holds first-party data only (file
// imports, manual entries, the athlete's own settings) — see firstPartyContext().

#include "core/coach/plan.h"
#include "core/coach/planvalidator.h"
#include "core/coach/racestrategy.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QNetworkReply>
#include <QObject>
#include <QPointer>
#include <QUrl>

#include <optional>

class QNetworkAccessManager;
class QTimer;

namespace tricoach {

class ActivityStore;

struct LlmSettings {
    QUrl baseUrl;       // e.g. https://api.openai.com/v1, http://localhost:11434/v1
    QString model;      // e.g. gpt-4o-mini, llama3.1
    QString apiKey;     // from the keychain; empty for a local server
    bool azure = false; // Azure OpenAI: "api-key" header and ?api-version
    QString azureApiVersion = QStringLiteral("2024-06-01");
    int timeoutMs = 120'000;
};

// Where the chat-completions request goes: the base URL (with or without a trailing slash) + /chat/completions,
// and for Azure its query (the deployment's, if any) with api-version added unless the base already names one.
QUrl chatCompletionsUrl(const LlmSettings& settings);

// The athlete's first-party data for the prompt: race, availability, thresholds, Fitness/Fatigue/Form and the
// last eight weeks of non-Strava training; `leftOut` counts the Strava activities that were not sent.
struct LlmContext {
    QJsonObject json;
    int leftOut = 0;
};
LlmContext firstPartyContext(const ActivityStore& store, AthleteId athlete, const CoachProfile& profile);

// How a request ended.
struct LlmOutcome {
    WeekPlan week; // the LLM's week when it passed, else the engine's
    bool fromLlm = false;
    bool repaired = false;         // passed after the repair round
    QString note;                  // for the athlete: why the engine's week is shown, or that the LLM's was checked
    std::vector<PlanIssue> issues; // what the validator found in the LLM's last answer
};

class LlmCoach : public QObject {
    Q_OBJECT
public:
    explicit LlmCoach(LlmSettings settings, QObject* parent = nullptr);
    ~LlmCoach() override;

    // Asks for the week starting `engineWeek.weekStart`; `finished` follows (also after cancel or a failure).
    void proposeWeek(const CoachProfile& profile, const WeekPlan& engineWeek, const LlmContext& context);
    void cancel();
    bool isBusy() const { return m_reply != nullptr; }

    // The trainer brief (system prompt) the request carries: the roadmap's, with the JSON schema.
    static QString trainerBrief();

    // Asks for the race-day narrative (race week, morning, transitions, how to race each leg, cues,
    // contingencies) with the roadmap's race-strategy brief; pacing targets, predictions and fuelling stay the
    // engine's own numbers. `strategyFinished` follows.
    void proposeRaceStrategy(const CoachProfile& profile, const RaceStrategy& engineStrategy,
                             const LlmContext& context);
    static QString raceStrategyBrief();

Q_SIGNALS:
    void progressed(const QString& step); // "Asking the model…", "Checking the plan…", "Asking for a repair…"
    void finished(const tricoach::LlmOutcome& outcome);
    // `fromLlm` false: the engine's strategy, `note` says why.
    void strategyFinished(const tricoach::RaceStrategy& strategy, bool fromLlm, const QString& note);

private:
    void send(const QJsonArray& messages);
    void onReply();
    void finish(LlmOutcome outcome);
    void fallBack(const QString& why);
    // The race strategy from the model's JSON, or why it cannot be used.
    std::optional<RaceStrategy> strategyFrom(const QJsonObject& json, QString& problem) const;
    void handleStrategy(const QString& content);

    LlmSettings m_settings;
    QNetworkAccessManager* m_network = nullptr;
    QPointer<QNetworkReply> m_reply;
    QTimer* m_timeout = nullptr;
    CoachProfile m_profile;
    WeekPlan m_engineWeek;
    RaceStrategy m_engineStrategy;
    bool m_strategyMode = false;
    QJsonArray m_messages;
    int m_round = 0;
    bool m_cancelled = false;
    bool m_timedOut = false;
};

} // namespace tricoach

Q_DECLARE_METATYPE(tricoach::LlmOutcome)
Q_DECLARE_METATYPE(tricoach::RaceStrategy)
