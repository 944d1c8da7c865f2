// Thresholds a new athlete actually has, in the window: the first import offers estimates in a dialog, later
// imports with a new best bring a notice (once per estimate), Settings can offer them again. Real widgets, real
// imports of corpus files and of variants built from them (another day, more power).
#include "core/io/formatregistry.h"
#include "core/metrics/thresholdsuggest.h"
#include "tests/ui/uitestsupport.h"
#include "ui/importing/importdialog.h"
#include "ui/mainwindow.h"
#include "ui/settings/settingspage.h"
#include "ui/thresholds/estimatedialog.h"
#include "ui/thresholds/thresholdadvisor.h"
#include "ui/thresholds/thresholdnotice.h"

#include <QDir>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>

#include <cmath>

using namespace tricoach;
using namespace tricoach::test;

namespace {

const QString kZwift = QStringLiteral("gpx/indoor-cycling-zwift-strava-export-power.gpx"); // 1 Hz, 2016-04-22

class ThresholdsUi : public UiTest {
protected:
    // The Zwift ride moved to `day` with its power scaled: a later session of the same athlete.
    QString variant(const QDate& day, double powerFactor)
    {
        QFile f(corpusFile(kZwift));
        EXPECT_TRUE(f.open(QIODevice::ReadOnly));
        QString text = QString::fromUtf8(f.readAll());
        text.replace(QStringLiteral("2016-04-22T"), day.toString(Qt::ISODate) + QLatin1Char('T'));
        static const QRegularExpression power(QStringLiteral("<power>(\\d+)</power>"));
        QString out;
        qsizetype last = 0;
        for (auto it = power.globalMatch(text); it.hasNext();) {
            const auto m = it.next();
            out += text.mid(last, m.capturedStart() - last);
            out += QStringLiteral("<power>%1</power>").arg(std::lround(m.captured(1).toDouble() * powerFactor));
            last = m.capturedEnd();
        }
        out += text.mid(last);
        const QString path = pathFor(QStringLiteral("zwift-%1-%2.gpx").arg(day.toString(Qt::ISODate)).arg(powerFactor));
        QFile w(path);
        EXPECT_TRUE(w.open(QIODevice::WriteOnly));
        w.write(out.toUtf8());
        return path;
    }

    // The best 20-min power of a 1-Hz file, by brute force over its samples.
    static double bestTwentyMinutes(const QString& path)
    {
        QFile f(path);
        EXPECT_TRUE(f.open(QIODevice::ReadOnly));
        const DecodedFile decoded = FormatRegistry().decode(path, f.readAll());
        if (decoded.activities.empty() || !decoded.activities.front().streams.has(Channel::Power))
            return 0;
        const std::vector<double> p = decoded.activities.front().streams.channels.at(Channel::Power);
        double best = 0;
        for (std::size_t start = 0; start + 1200 <= p.size(); ++start) {
            double sum = 0;
            for (std::size_t i = start; i < start + 1200; ++i)
                sum += p[i];
            best = std::max(best, sum / 1200);
        }
        return best;
    }

    // Imports `path` through the window, waits for the advisor, and closes the import dialog.
    void import(MainWindow& w, const QString& path, bool closeDialog = true)
    {
        QSignalSpy checked(w.thresholds(), &ThresholdAdvisor::checked);
        ImportDialog* dialog = w.importPaths({path});
        ASSERT_TRUE(waitUntil([&] { return dialog->isFinished(); }));
        ASSERT_EQ(dialog->report()->added(), 1);
        ASSERT_TRUE(waitUntil([&] { return checked.count() > 0; }));
        if (closeDialog)
            dialog->accept();
    }

    static QPushButton* button(QWidget* in, const char* name)
    {
        auto* b = in->findChild<QPushButton*>(QLatin1String(name));
        EXPECT_NE(b, nullptr) << name;
        return b;
    }
};

TEST_F(ThresholdsUi, TheFirstImportOffersEstimatesAndAcceptingRescoresTheHistory)
{
    MainWindow w(*store, athlete, *preferences);
    w.show();
    const QString ride = variant(QDate(2025, 5, 1), 1.0);
    import(w, ride, false);
    // The import's own dialog stays in front: the offer waits for it.
    EXPECT_EQ(w.thresholds()->dialog(), nullptr);
    for (ImportDialog* d : w.findChildren<ImportDialog*>())
        d->accept();
    ASSERT_TRUE(waitUntil([&] { return w.thresholds()->dialog() != nullptr; }));
    EstimateDialog* offer = w.thresholds()->dialog();
    const double ftp = std::round(0.95 * bestTwentyMinutes(ride));
    auto* ftpEditor = offer->findChild<QDoubleSpinBox*>(QStringLiteral("estimate_ftp"));
    ASSERT_NE(ftpEditor, nullptr);
    EXPECT_EQ(ftpEditor->value(), ftp);
    const QString basis = offer->findChild<QLabel*>(QStringLiteral("estimate_ftp_basis"))->text();
    EXPECT_TRUE(basis.contains(QStringLiteral("× 0.95"))) << basis.toStdString();
    EXPECT_TRUE(basis.contains(QString::number(std::lround(bestTwentyMinutes(ride))))) << basis.toStdString();
    // Swims and runs: none, and the dialog says so.
    EXPECT_FALSE(offer->findChild<QLabel*>(QStringLiteral("estimate_css_basis"))->text().isEmpty());

    offer->setText(ThresholdField::MaxHr, QStringLiteral("191")); // the athlete knows better
    button(offer, "useEstimates")->click();
    ASSERT_TRUE(waitUntil([&] { return w.thresholds()->dialog() == nullptr; }));

    const ThresholdHistory history = store->thresholdHistory(athlete);
    ASSERT_EQ(history.changes().size(), 1u);
    EXPECT_EQ(history.changes().front().effectiveFrom, QDate(2025, 5, 1)); // the start of the history
    EXPECT_EQ(history.changes().front().values.ftpWatts, ftp);
    EXPECT_EQ(history.changes().front().values.maxHr, 191);
    const Activity stored = store->activities(athlete).front();
    EXPECT_EQ(stored.loadSource, LoadSource::Power);
    ASSERT_TRUE(w.thresholdNotice()->isVisible());
    EXPECT_TRUE(w.thresholdNotice()->text().contains(QStringLiteral("recomputed")))
        << w.thresholdNotice()->text().toStdString();
    EXPECT_TRUE(SuggestionMemory::fromJson(*store->document(athlete, QString(kSuggestionsDocument))).offeredOnce);

    // A later ride with more power: a notice, not a dialog. Dismissed, the same estimate does not come back.
    const double ftpB = std::round(0.95 * bestTwentyMinutes(variant(QDate(2025, 5, 10), 1.3)));
    import(w, variant(QDate(2025, 5, 10), 1.3));
    EXPECT_EQ(w.thresholds()->dialog(), nullptr);
    ASSERT_TRUE(w.thresholdNotice()->isVisible());
    ASSERT_EQ(w.thresholdNotice()->suggestions().size(), 1u);
    EXPECT_EQ(w.thresholdNotice()->suggestions().front().estimate.field, ThresholdField::Ftp);
    EXPECT_EQ(w.thresholdNotice()->suggestions().front().current, ftp);
    EXPECT_TRUE(w.thresholdNotice()->text().contains(QString::number(ftpB)))
        << w.thresholdNotice()->text().toStdString();
    button(&w, "thresholdNoticeDismiss")->click();
    EXPECT_FALSE(w.thresholdNotice()->isVisible());
    EXPECT_EQ(store->thresholdHistory(athlete).at(QDate(2025, 5, 10)).ftpWatts, ftp);

    import(w, variant(QDate(2025, 5, 11), 1.3));
    EXPECT_FALSE(w.thresholdNotice()->isVisible());

    // A better one still: suggested again, and Update stores it from the day of the effort.
    const QString best = variant(QDate(2025, 5, 12), 1.5);
    import(w, best);
    ASSERT_TRUE(w.thresholdNotice()->isVisible());
    button(&w, "thresholdNoticeUpdate")->click();
    const double ftpD = std::round(0.95 * bestTwentyMinutes(best));
    EXPECT_EQ(store->thresholdHistory(athlete).at(QDate(2025, 5, 12)).ftpWatts, ftpD);
    EXPECT_EQ(store->thresholdHistory(athlete).at(QDate(2025, 5, 11)).ftpWatts, ftp);
    EXPECT_TRUE(w.thresholdNotice()->text().contains(QStringLiteral("recomputed")));
}

TEST_F(ThresholdsUi, NotNowLeavesThresholdsForSettingsWhichOffersThemAgain)
{
    MainWindow w(*store, athlete, *preferences);
    w.show();
    import(w, variant(QDate(2025, 5, 1), 1.0));
    ASSERT_TRUE(waitUntil([&] { return w.thresholds()->dialog() != nullptr; }));
    button(w.thresholds()->dialog(), "dismissEstimates")->click();
    ASSERT_TRUE(waitUntil([&] { return w.thresholds()->dialog() == nullptr; }));
    EXPECT_TRUE(store->thresholdHistory(athlete).changes().empty());
    EXPECT_TRUE(w.thresholdNotice()->text().contains(QStringLiteral("Settings")));

    // The next import does not ask again; a better estimate comes as a notice.
    import(w, variant(QDate(2025, 5, 2), 1.2));
    EXPECT_EQ(w.thresholds()->dialog(), nullptr);
    ASSERT_TRUE(w.thresholdNotice()->isVisible());
    EXPECT_EQ(w.thresholdNotice()->suggestions().size(), 1u);

    // Settings ▸ Estimate from my activities: the dialog again, whatever was dismissed.
    w.showPage(MainWindow::Settings);
    button(w.settings(), "estimateThresholds")->click();
    ASSERT_TRUE(waitUntil([&] { return w.thresholds()->dialog() != nullptr; }));
    EstimateDialog* offer = w.thresholds()->dialog();
    offer->setText(ThresholdField::RunPace, QStringLiteral("4:7x"));
    button(offer, "useEstimates")->click();
    EXPECT_TRUE(offer->isVisible()); // a pace that is not one is refused, with the reason
    EXPECT_TRUE(offer->problem().contains(QStringLiteral("4:7x")));
    offer->setText(ThresholdField::RunPace, QStringLiteral("4:30"));
    button(offer, "useEstimates")->click();
    ASSERT_TRUE(waitUntil([&] { return w.thresholds()->dialog() == nullptr; }));
    const Thresholds now = store->thresholdHistory(athlete).at(QDate(2025, 5, 2));
    ASSERT_TRUE(now.runThresholdSpeed);
    EXPECT_NEAR(*now.runThresholdSpeed, 1000.0 / 270, 1e-9);
    EXPECT_TRUE(now.ftpWatts.has_value());
    EXPECT_EQ(store->thresholdHistory(athlete).changes().front().effectiveFrom, QDate(2025, 5, 1));
}

TEST_F(ThresholdsUi, TheOfferFitsSmallScreensScreenshots)
{
    const QString folder = qEnvironmentVariableIsSet("TRICOACH_SCREENSHOTS_DIR")
                               ? qEnvironmentVariable("TRICOACH_SCREENSHOTS_DIR")
                               : pathFor(QStringLiteral("shots"));
    ASSERT_TRUE(QDir().mkpath(folder));
    MainWindow w(*store, athlete, *preferences);
    w.show();
    import(w, corpusFile(QStringLiteral("fit/cycling-garmin-edge810-vector-power.fit")));
    ASSERT_TRUE(waitUntil([&] { return w.thresholds()->dialog() != nullptr; }));
    EstimateDialog* offer = w.thresholds()->dialog();
    for (const QSize size : {QSize(1024, 700), QSize(1366, 768)}) {
        w.resize(size);
        offer->resize(std::min(offer->width(), size.width() - 40), std::min(offer->height(), size.height() - 60));
        QCoreApplication::processEvents();
        EXPECT_LE(offer->width(), size.width());
        EXPECT_LE(offer->height(), size.height());
        // Every basis is readable: its label is as wide as its text needs or wraps.
        for (QLabel* basis : offer->findChildren<QLabel*>(QRegularExpression(QStringLiteral("_basis$"))))
            EXPECT_GT(basis->width(), 150) << basis->objectName().toStdString();
        QImage shot = w.grab().toImage();
        QPainter painter(&shot);
        const QPixmap dialog = offer->grab();
        const QPoint at((shot.width() - dialog.width()) / 2, (shot.height() - dialog.height()) / 2);
        painter.drawPixmap(at, dialog);
        painter.setPen(QPen(Qt::darkGray, 2));
        painter.drawRect(QRect(at, dialog.size()));
        painter.end();
        EXPECT_TRUE(
            shot.save(QStringLiteral("%1/threshold-offer-%2x%3.png").arg(folder).arg(size.width()).arg(size.height())));
    }
    button(offer, "useEstimates")->click();
    ASSERT_TRUE(waitUntil([&] { return w.thresholds()->dialog() == nullptr; }));
    for (const QSize size : {QSize(1024, 700), QSize(1366, 768)}) {
        w.resize(size);
        w.thresholdNotice()->showSuggestions(
            {ThresholdSuggestion{[] {
                                     ThresholdEstimate e;
                                     e.field = ThresholdField::Ftp;
                                     e.value = 301;
                                     e.method = EstimateMethod::Best20MinPower;
                                     e.efforts = {Effort{1, QDate(2013, 8, 16), QString(), 1200, 317}};
                                     return e;
                                 }(),
                                 296}});
        QCoreApplication::processEvents();
        // The bar takes no more height than its own lines: the pages keep theirs.
        const int withNotice = w.minimumSizeHint().height();
        w.thresholdNotice()->hide();
        const int without = w.minimumSizeHint().height();
        w.thresholdNotice()->show();
        QCoreApplication::processEvents();
        EXPECT_LE(withNotice - without, w.thresholdNotice()->sizeHint().height() + 12);
        EXPECT_LE(w.thresholdNotice()->sizeHint().height(), 3 * w.fontMetrics().height() + 24);
        EXPECT_TRUE(w.grab().save(
            QStringLiteral("%1/threshold-notice-%2x%3.png").arg(folder).arg(size.width()).arg(size.height())));
    }
}

} // namespace
