#pragma once
// Thresholds a new athlete actually has: after an import, estimates are computed on a thread of their own (its own
// store connection); a profile without thresholds is offered them in an EstimateDialog once, and later imports
// that beat a threshold bring a ThresholdNotice the athlete can accept or dismiss, never twice for the same
// estimate (what was offered and dismissed is kept in the athlete's kSuggestionsDocument).

#include "core/store/thresholdreads.h"
#include "ui/thresholds/estimatedialog.h"

#include <QObject>
#include <QPointer>

#include <atomic>
#include <optional>
#include <thread>

class QWidget;

namespace tricoach {

class ThresholdNotice;
class TrainingData;

class ThresholdAdvisor : public QObject {
    Q_OBJECT
public:
    // Dialogs open over `window`; notices go to `notice`.
    ThresholdAdvisor(TrainingData& data, QWidget* window, ThresholdNotice& notice, QObject* parent = nullptr);
    ~ThresholdAdvisor() override; // waits for a running estimate

    // After an import: estimates, then the first-run offer or a notice; `importDialog`, while open, is let be
    // (the offer waits until it closes).
    void checkAfterImport(QWidget* importDialog = nullptr);
    // From Settings: estimates, then the dialog whatever was offered before.
    void offer();
    bool isRunning() const { return m_thread.joinable() && !m_done; }
    // The open offer, if any (tests).
    EstimateDialog* dialog() const { return m_dialog; }

Q_SIGNALS:
    // After the estimates arrived and were acted upon (a dialog opened, a notice shown, or nothing to say).
    void checked();
    // Thresholds were stored; `message` says what was recomputed.
    void thresholdsChanged(const QString& message);

private:
    enum class Mode { AfterImport, Offer };
    void start(Mode mode);
    void onEstimates(Mode mode, AthleteId athlete, const ThresholdEstimates& estimates, const QString& error);
    void showOffer(const ThresholdEstimates& estimates);
    void store(const ThresholdChange& change);
    void remember(const std::vector<ThresholdEstimate>& estimates, bool offered);
    QDate today() const;

    TrainingData& m_data;
    QWidget* m_window;
    ThresholdNotice& m_notice;
    QPointer<QWidget> m_waitFor;
    QPointer<EstimateDialog> m_dialog;
    std::optional<Mode> m_pending;
    std::thread m_thread;
    std::atomic<bool> m_done{true};
};

} // namespace tricoach
