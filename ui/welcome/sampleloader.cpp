#include "ui/welcome/sampleloader.h"

#include "core/demo/sampleseason.h"
#include "core/store/activitystore.h"

#include <QMetaObject>

namespace tricoach {

SampleLoader::SampleLoader(QObject* parent)
    : QObject(parent)
{
}

SampleLoader::~SampleLoader()
{
    if (m_thread.joinable())
        m_thread.join();
}

void SampleLoader::start(const QString& databasePath, AthleteId athlete)
{
    if (m_thread.joinable()) {
        if (!m_done)
            return;
        m_thread.join();
    }
    m_done = false;
    m_thread = std::thread([this, databasePath, athlete] {
        int added = 0;
        QString error;
        auto store = ActivityStore::open(databasePath);
        if (!store) {
            error = store.error().message;
        } else {
            auto loaded = loadSampleSeason(**store, athlete, SampleSeasonOptions{});
            if (loaded)
                added = *loaded;
            else
                error = loaded.error().message;
        }
        m_done = true;
        QMetaObject::invokeMethod(
            this, [this, athlete, added, error] { Q_EMIT finished(athlete, added, error); }, Qt::QueuedConnection);
    });
}

} // namespace tricoach
