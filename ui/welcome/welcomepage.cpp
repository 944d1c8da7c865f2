#include "ui/welcome/welcomepage.h"

#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace tricoach {

namespace {
QFrame* choice(const QString& title, const QString& text, QPushButton* button)
{
    auto* frame = new QFrame;
    frame->setFrameShape(QFrame::StyledPanel);
    frame->setMinimumWidth(260);
    auto* layout = new QVBoxLayout(frame);
    auto* heading = new QLabel(title);
    QFont f = heading->font();
    f.setBold(true);
    f.setPointSizeF(f.pointSizeF() * 1.2);
    heading->setFont(f);
    auto* body = new QLabel(text);
    body->setWordWrap(true);
    layout->addWidget(heading);
    layout->addWidget(body, 1);
    layout->addWidget(button);
    return frame;
}
} // namespace

WelcomePage::WelcomePage(QWidget* parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("welcomePage"));
    auto* outer = new QVBoxLayout(this);
    outer->addStretch(1);
    auto* title = new QLabel(tr("Welcome to TriCoach"));
    QFont tf = title->font();
    tf.setPointSizeF(tf.pointSizeF() * 2);
    tf.setBold(true);
    title->setFont(tf);
    title->setAlignment(Qt::AlignCenter);
    auto* intro = new QLabel(tr("Your training log, your Fitness, Fatigue and Form, and a coach that plans with you — "
                                "on your computer, working offline. How would you like to start?"));
    intro->setWordWrap(true);
    intro->setAlignment(Qt::AlignCenter);
    outer->addWidget(title);
    outer->addWidget(intro);
    outer->addSpacing(24);

    auto* row = new QHBoxLayout;
    row->addStretch(1);
    auto* strava = new QPushButton(tr("Connect Strava"));
    strava->setObjectName(QStringLiteral("connectStrava"));
    row->addWidget(choice(tr("Connect Strava"),
                          tr("Sign in to Strava in your browser and TriCoach fetches your whole history, then what "
                             "is new each time you sync. You need a Strava API application of your own (free, "
                             "a minute to create); Settings shows how."),
                          strava));
    auto* import = new QPushButton(tr("Import files…"));
    import->setObjectName(QStringLiteral("welcomeImport"));
    row->addWidget(choice(tr("Import files"),
                          tr("FIT, TCX and GPX files, zipped exports from Garmin Connect or Strava, or a whole folder "
                             "such as a watch's GARMIN/Activity. You can also drop them onto this window."),
                          import));
    auto* sample = new QPushButton(tr("Explore a sample season"));
    sample->setObjectName(QStringLiteral("welcomeSample"));
    row->addWidget(choice(tr("Explore a sample season"),
                          tr("A generated season of a triathlete building to a race, in a profile of its own, so "
                             "every chart has something to show. Your own data stays separate."),
                          sample));
    row->addStretch(1);
    outer->addLayout(row);
    outer->addStretch(2);
    connect(strava, &QPushButton::clicked, this, &WelcomePage::stravaRequested);
    connect(import, &QPushButton::clicked, this, &WelcomePage::importRequested);
    connect(sample, &QPushButton::clicked, this, &WelcomePage::sampleRequested);
}

} // namespace tricoach
