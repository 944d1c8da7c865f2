#pragma once
// Fills a profile with the sample season on another thread (its own store connection), so the window stays live.

#include "core/model/athlete.h"

#include <QObject>
#include <QString>

#include <thread>

namespace tricoach {

class SampleLoader : public QObject {
    Q_OBJECT
public:
    explicit SampleLoader(QObject* parent = nullptr);
    ~SampleLoader() override; // waits for a running load: the store stays consistent
    void start(const QString& databasePath, AthleteId athlete);
    bool isRunning() const { return m_thread.joinable() && !m_done; }

Q_SIGNALS:
    // `athlete` is the profile this load filled (the one given to start); `error` is empty on success.
    void finished(tricoach::AthleteId athlete, int activitiesAdded, const QString& error);

private:
    std::thread m_thread;
    std::atomic<bool> m_done{false};
};

} // namespace tricoach
