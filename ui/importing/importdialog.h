#pragma once
// The import as the athlete follows it: a progress bar with Cancel while files are read on another thread, then
// what was added and, file by file, what could not be read and why.

#include "core/import/activityimporter.h"

#include <QDialog>

#include <memory>
#include <optional>

class QDialogButtonBox;
class QLabel;
class QProgressBar;
class QTableWidget;

namespace tricoach {

class ImportJob;
class TrainingData;

class ImportDialog : public QDialog {
    Q_OBJECT
public:
    ImportDialog(TrainingData& training, QStringList paths, QWidget* parent = nullptr);
    ~ImportDialog() override;

    void start();
    void cancel();
    bool isFinished() const { return m_report.has_value(); }
    const std::optional<ImportReport>& report() const { return m_report; }

    QProgressBar* progressBar() const { return m_progress; }
    QTableWidget* problemsTable() const { return m_problems; }
    QLabel* summaryLabel() const { return m_summary; }

    // A person's sentence for the result ("12 activities added, 3 already there, 1 file could not be read.").
    static QString summarize(const ImportReport& report);

    // Closing while the import runs only cancels it; a finished dialog closes.
    void reject() override;

Q_SIGNALS:
    void importFinished(const tricoach::ImportReport& report);

private:
    void onProgress(const ImportProgress& progress);
    void onFinished(const ImportReport& report);

    TrainingData& m_data;
    QStringList m_paths;
    std::unique_ptr<ImportJob> m_job;
    std::optional<ImportReport> m_report;
    QLabel* m_status = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_summary = nullptr;
    QTableWidget* m_problems = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
};

} // namespace tricoach
