#pragma once
// A bar above the pages that tells the athlete something about their thresholds without stopping them: a new
// best that beats a threshold (with Update and Dismiss), or what saving thresholds recomputed (with Close).

#include "core/metrics/thresholdsuggest.h"

#include <QFrame>

class QLabel;
class QPushButton;

namespace tricoach {

class ThresholdNotice : public QFrame {
    Q_OBJECT
public:
    explicit ThresholdNotice(QWidget* parent = nullptr);

    void showSuggestions(const std::vector<ThresholdSuggestion>& suggestions);
    void showMessage(const QString& text);
    const std::vector<ThresholdSuggestion>& suggestions() const { return m_suggestions; }
    QString text() const;

Q_SIGNALS:
    void updateRequested(const std::vector<tricoach::ThresholdSuggestion>& suggestions);
    void dismissed(const std::vector<tricoach::ThresholdSuggestion>& suggestions);

private:
    void finish(bool update);

    std::vector<ThresholdSuggestion> m_suggestions;
    QLabel* m_text = nullptr;
    QPushButton* m_update = nullptr;
    QPushButton* m_dismiss = nullptr;
    QPushButton* m_close = nullptr;
};

} // namespace tricoach
