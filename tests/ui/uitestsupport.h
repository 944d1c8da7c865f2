#pragma once
// Shared set-up for widget tests: a real store file, preferences in a file of their own, and waiting on the
// event loop for work that runs on other threads.

#include "core/store/activitystore.h"
#include "tests/support/tempdir.h"
#include "ui/preferences.h"
#include "ui/translations.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QLabel>
#include <QPushButton>
#include <QSettings>

#include <functional>
#include <gtest/gtest.h>

namespace tricoach::test {

// Runs the event loop until `done` or `ms` pass; returns `done()`.
inline bool waitUntil(const std::function<bool()>& done, int ms = 30'000)
{
    QElapsedTimer timer;
    timer.start();
    while (!done() && timer.elapsed() < ms)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    return done();
}

inline QString corpusFile(const QString& rel)
{
    return QStringLiteral(TRICOACH_TESTDATA_DIR "/activities/") + rel;
}

class UiTest : public TempDirTest {
protected:
    void SetUp() override
    {
        // English as the app installs it: the source strings plus their plural forms ("1 activity").
        static const bool english = installLanguage(*QCoreApplication::instance(), QStringLiteral("en"));
        ASSERT_TRUE(english);
        auto opened = ActivityStore::open(pathFor(QStringLiteral("ui.sqlite")));
        ASSERT_TRUE(opened) << opened.error().message.toStdString();
        store = std::move(*opened);
        athlete = store->defaultAthlete()->id;
        preferences = std::make_unique<Preferences>(
            std::make_unique<QSettings>(pathFor(QStringLiteral("prefs.ini")), QSettings::IniFormat));
    }
    std::unique_ptr<ActivityStore> store;
    AthleteId athlete = 0;
    std::unique_ptr<Preferences> preferences;
};

// Every visible label of `section` shows its whole text: a wrapped one is as tall as its text needs, a single line
// as wide; and it lies inside the section.
inline void expectWhole(QWidget* section, const std::string& where)
{
    for (const QLabel* l : section->findChildren<QLabel*>()) {
        if (!l->isVisible() || l->text().isEmpty())
            continue;
        if (l->wordWrap()) {
            EXPECT_GE(l->height(), l->heightForWidth(l->width())) << where << ": " << l->text().toStdString();
        } else {
            EXPECT_GE(l->width(), l->sizeHint().width()) << where << ": " << l->text().toStdString();
        }
    }
    for (const QPushButton* b : section->findChildren<QPushButton*>()) {
        if (b->isVisible()) {
            EXPECT_GE(b->width(), b->minimumSizeHint().width()) << where << ": " << b->text().toStdString();
        }
    }
}

} // namespace tricoach::test
