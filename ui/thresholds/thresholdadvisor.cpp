#include "ui/thresholds/thresholdadvisor.h"

#include "core/metrics/thresholdsuggest.h"
#include "ui/thresholds/estimatedialog.h"
#include "ui/thresholds/thresholdnotice.h"
#include "ui/thresholds/thresholdtext.h"
#include "ui/trainingdata.h"

#include <QDialog>
#include <QMetaObject>
#include <QTimer>

#include <algorithm>

namespace tricoach {

ThresholdAdvisor::ThresholdAdvisor(TrainingData& data, QWidget* window, ThresholdNotice& notice, QObject* parent)
    : QObject(parent)
    , m_data(data)
    , m_window(window)
    , m_notice(notice)
{
    connect(&m_notice, &ThresholdNotice::updateRequested, this, [this](const std::vector<ThresholdSuggestion>& s) {
        // A new best takes effect from the day it was done, and never before the latest change the athlete made.
        const ThresholdHistory history = m_data.store().thresholdHistory(m_data.athlete());
        QDate from = history.changes().empty() ? QDate() : history.changes().back().effectiveFrom;
        ThresholdChange change;
        std::vector<ThresholdEstimate> estimates;
        for (const ThresholdSuggestion& suggestion : s) {
            const ThresholdEstimate& e = suggestion.estimate;
            change.values.*(thresholdMember(e.field)) = roundedThreshold(e.field, *e.value);
            for (const Effort& effort : e.efforts)
                from = from.isValid() ? std::max(from, effort.day) : effort.day;
            estimates.push_back(e);
        }
        change.effectiveFrom = from.isValid() ? from : today();
        remember(estimates, false);
        store(change);
    });
    connect(&m_notice, &ThresholdNotice::dismissed, this, [this](const std::vector<ThresholdSuggestion>& s) {
        std::vector<ThresholdEstimate> estimates;
        for (const ThresholdSuggestion& suggestion : s)
            estimates.push_back(suggestion.estimate);
        remember(estimates, false);
    });
}

ThresholdAdvisor::~ThresholdAdvisor()
{
    if (m_thread.joinable())
        m_thread.join();
}

QDate ThresholdAdvisor::today() const
{
    return QDate::currentDate();
}

void ThresholdAdvisor::checkAfterImport(QWidget* importDialog)
{
    m_waitFor = importDialog;
    start(Mode::AfterImport);
}

void ThresholdAdvisor::offer()
{
    start(Mode::Offer);
}

void ThresholdAdvisor::start(Mode mode)
{
    if (isRunning()) {
        // Estimates of data that changed meanwhile would be stale: run again once this run is back.
        m_pending = m_pending == Mode::Offer ? Mode::Offer : mode;
        return;
    }
    if (m_thread.joinable())
        m_thread.join();
    m_done = false;
    const QString path = m_data.databasePath();
    const AthleteId athlete = m_data.athlete();
    const QDate day = today();
    m_thread = std::thread([this, path, athlete, day, mode] {
        ThresholdEstimates estimates;
        QString error;
        auto opened = ActivityStore::open(path);
        if (!opened) {
            error = opened.error().message;
        } else {
            EstimateOptions options;
            options.asOf = defaultEstimateDay(**opened, athlete, day);
            auto result = estimateThresholds(**opened, athlete, options);
            if (result)
                estimates = std::move(*result);
            else
                error = result.error().message;
        }
        m_done = true;
        QMetaObject::invokeMethod(
            this, [this, mode, athlete, estimates, error] { onEstimates(mode, athlete, estimates, error); },
            Qt::QueuedConnection);
    });
}

void ThresholdAdvisor::onEstimates(Mode mode, AthleteId athlete, const ThresholdEstimates& estimates,
                                   const QString& error)
{
    if (m_thread.joinable())
        m_thread.join();
    if (m_pending) {
        const Mode next = *m_pending;
        m_pending.reset();
        start(mode == Mode::Offer ? Mode::Offer : next);
        return;
    }
    if (athlete != m_data.athlete()) { // another profile is shown now
        Q_EMIT checked();
        return;
    }
    if (!error.isEmpty()) {
        if (mode == Mode::Offer)
            m_notice.showMessage(error);
        Q_EMIT checked();
        return;
    }
    ActivityStore& s = m_data.store();
    const SuggestionMemory memory =
        SuggestionMemory::fromJson(s.document(athlete, QString(kSuggestionsDocument)).value_or(QJsonObject()));
    const ThresholdHistory history = s.thresholdHistory(athlete);
    const bool anyOffered = std::any_of(estimates.estimates.begin(), estimates.estimates.end(),
                                        [](const ThresholdEstimate& e) { return e.offered(); });
    if (mode == Mode::Offer || (history.changes().empty() && !memory.offeredOnce && anyOffered)) {
        showOffer(estimates);
    } else {
        const auto suggestions = suggestedUpdates(
            estimates.estimates, history.at(std::max(today(), estimates.options.asOf)), memory.dismissed);
        if (!suggestions.empty())
            m_notice.showSuggestions(suggestions);
    }
    Q_EMIT checked();
}

void ThresholdAdvisor::showOffer(const ThresholdEstimates& estimates)
{
    // The import's own dialog stays in front until the athlete closes it; the offer follows.
    if (auto* importing = qobject_cast<QDialog*>(m_waitFor.data()); importing && importing->isVisible()) {
        m_waitFor = nullptr;
        connect(importing, &QDialog::finished, this,
                [this, estimates] { QTimer::singleShot(0, this, [this, estimates] { showOffer(estimates); }); });
        return;
    }
    if (m_dialog)
        return;
    auto* dialog = new EstimateDialog(estimates, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    m_dialog = dialog;
    connect(dialog, &QDialog::accepted, this, [this, dialog, estimates] {
        remember(estimates.estimates, true);
        // Only what differs from the values in force becomes a change.
        const Thresholds now = m_data.store().thresholdHistory(m_data.athlete()).at(today());
        ThresholdChange change{today(), {}};
        const Thresholds chosen = dialog->values();
        for (ThresholdField f : kEstimatedFields) {
            const auto member = thresholdMember(f);
            if (chosen.*member && chosen.*member != now.*member)
                change.values.*member = chosen.*member;
        }
        if (change.values == Thresholds{})
            m_notice.showMessage(tr("Your thresholds stay as they were."));
        else
            store(change);
    });
    connect(dialog, &QDialog::rejected, this, [this, estimates] {
        remember(estimates.estimates, true);
        m_notice.showMessage(tr("Loads stay estimates until you set thresholds; you can do that any time in "
                                "Settings."));
    });
    dialog->show();
}

void ThresholdAdvisor::store(const ThresholdChange& change)
{
    auto update = m_data.store().setThresholds(m_data.athlete(), change);
    if (!update) {
        m_notice.showMessage(update.error().message);
        return;
    }
    const QString message = tr("Thresholds saved.") + QLatin1Char(' ') + ThresholdText::recomputed(*update);
    m_notice.showMessage(message);
    m_data.notifyChanged();
    Q_EMIT thresholdsChanged(message);
}

void ThresholdAdvisor::remember(const std::vector<ThresholdEstimate>& estimates, bool offered)
{
    ActivityStore& s = m_data.store();
    const QString key(kSuggestionsDocument);
    SuggestionMemory memory = SuggestionMemory::fromJson(s.document(m_data.athlete(), key).value_or(QJsonObject()));
    memory.offeredOnce = memory.offeredOnce || offered;
    memory.dismiss(estimates);
    if (auto r = s.setDocument(m_data.athlete(), key, memory.toJson()); !r)
        m_notice.showMessage(r.error().message);
}

} // namespace tricoach
