#include "core/secrets/secretstore.h"

#include <QCoreApplication>

namespace tricoach {

Result<std::optional<QString>> MemorySecrets::read(const QString& key)
{
    const std::lock_guard lock(m_mutex);
    const auto it = m_values.find(key);
    return it == m_values.end() ? std::optional<QString>() : std::optional<QString>(it->second);
}

Result<void> MemorySecrets::write(const QString& key, const QString& value)
{
    const std::lock_guard lock(m_mutex);
    m_values[key] = value;
    return {};
}

Result<void> MemorySecrets::remove(const QString& key)
{
    const std::lock_guard lock(m_mutex);
    m_values.erase(key);
    return {};
}

QString MemorySecrets::location() const
{
    return QCoreApplication::translate("tricoach::Secrets", "memory only (forgotten when TriCoach closes)");
}

} // namespace tricoach
