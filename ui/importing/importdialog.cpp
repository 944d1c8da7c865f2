#include "ui/importing/importdialog.h"

#include "core/import/importjob.h"
#include "ui/trainingdata.h"

#include <QDialogButtonBox>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace tricoach {

ImportDialog::ImportDialog(TrainingData& training, QStringList paths, QWidget* parent)
    : QDialog(parent)
    , m_data(training)
    , m_paths(std::move(paths))
{
    setObjectName(QStringLiteral("importDialog"));
    setWindowTitle(tr("Import activities"));
    setMinimumWidth(560);
    auto* layout = new QVBoxLayout(this);
    m_status = new QLabel(tr("Looking for activity files…"));
    m_status->setObjectName(QStringLiteral("importStatus"));
    m_status->setWordWrap(true);
    m_progress = new QProgressBar;
    m_progress->setObjectName(QStringLiteral("importProgress"));
    m_progress->setRange(0, 0); // busy until the file count is known
    m_summary = new QLabel;
    m_summary->setObjectName(QStringLiteral("importSummary"));
    m_summary->setWordWrap(true);
    m_summary->hide();
    m_problems = new QTableWidget(0, 2);
    m_problems->setObjectName(QStringLiteral("importProblems"));
    m_problems->setHorizontalHeaderLabels({tr("File"), tr("What went wrong")});
    m_problems->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_problems->horizontalHeader()->setStretchLastSection(true);
    m_problems->verticalHeader()->hide();
    m_problems->setWordWrap(true);
    m_problems->hide();
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ImportDialog::reject);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ImportDialog::accept);
    layout->addWidget(m_status);
    layout->addWidget(m_progress);
    layout->addWidget(m_summary);
    layout->addWidget(m_problems, 1);
    layout->addWidget(m_buttons);
}

ImportDialog::~ImportDialog() = default;

void ImportDialog::start()
{
    if (m_job)
        return;
    m_job = std::make_unique<ImportJob>(m_data.databasePath(), m_data.athlete(), m_paths);
    connect(m_job.get(), &ImportJob::progressed, this, &ImportDialog::onProgress);
    connect(m_job.get(), &ImportJob::finished, this, &ImportDialog::onFinished);
    m_job->start();
}

void ImportDialog::cancel()
{
    if (!m_job || m_report)
        return;
    m_job->cancel();
    m_status->setText(tr("Stopping after the files being read… what is already stored stays."));
    if (auto* b = m_buttons->button(QDialogButtonBox::Cancel))
        b->setEnabled(false);
}

void ImportDialog::reject()
{
    // Closing while running means Cancel; the dialog closes once the store is consistent again.
    if (m_job && !m_report) {
        cancel();
        return;
    }
    QDialog::reject();
}

void ImportDialog::onProgress(const ImportProgress& p)
{
    m_progress->setRange(0, std::max(1, p.filesTotal));
    m_progress->setValue(p.filesDone);
    m_status->setText(tr("Reading %1 of %2: %3 — %n new activities so far", "", p.activitiesAdded)
                          .arg(p.filesDone)
                          .arg(p.filesTotal)
                          .arg(QFileInfo(p.lastFile).fileName()));
}

QString ImportDialog::summarize(const ImportReport& r)
{
    QStringList parts;
    const int added = r.added();
    parts << tr("%n activities added", "", added);
    if (r.duplicates() > 0)
        parts << tr("%n were already there", "", r.duplicates());
    if (r.replaced() > 0)
        parts << tr("%n less complete copies replaced", "", r.replaced());
    const int failed = r.failed() + static_cast<int>(r.problems.size());
    if (failed > 0)
        parts << tr("%n files could not be read", "", failed);
    int skipped = 0;
    for (const FileOutcome& f : r.files)
        skipped += f.status == FileOutcome::Status::Skipped ? 1 : 0;
    if (r.cancelled)
        parts << tr("cancelled: %n files not read", "", skipped);
    return parts.join(QStringLiteral(", ")) + QLatin1Char('.');
}

void ImportDialog::onFinished(const ImportReport& report)
{
    m_report = report;
    m_progress->setRange(0, 1);
    m_progress->setValue(1);
    m_status->setText(report.cancelled ? tr("Import cancelled.") : tr("Import finished."));
    m_summary->setText(summarize(report));
    m_summary->show();
    auto addProblem = [this](const QString& file, const QString& what) {
        const int row = m_problems->rowCount();
        m_problems->insertRow(row);
        auto* name = new QTableWidgetItem(QFileInfo(file).fileName());
        name->setToolTip(file);
        m_problems->setItem(row, 0, name);
        m_problems->setItem(row, 1, new QTableWidgetItem(what));
    };
    for (const ImportProblem& p : report.problems)
        addProblem(p.path, p.error.message);
    for (const FileOutcome& f : report.files) {
        if (f.status == FileOutcome::Status::Failed && f.error) {
            QString what = f.error->message;
            if (f.error->byteOffset >= 0)
                what += tr(" (at byte %1)").arg(f.error->byteOffset);
            else if (f.error->line >= 0)
                what += tr(" (line %1)").arg(f.error->line);
            addProblem(f.file, what);
        } else if (f.status == FileOutcome::Status::Recovered && f.error) {
            addProblem(f.file, tr("Imported what could be read: %1").arg(f.error->message));
        }
    }
    m_problems->setVisible(m_problems->rowCount() > 0);
    m_problems->resizeRowsToContents();
    m_buttons->setStandardButtons(QDialogButtonBox::Close);
    connect(m_buttons->button(QDialogButtonBox::Close), &QPushButton::clicked, this, &QDialog::accept);
    m_data.notifyChanged();
    Q_EMIT importFinished(report);
}

} // namespace tricoach
