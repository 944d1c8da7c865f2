#include "sync-server/store/sqlconnection.h"

#include "core/util/utf8.h"

namespace tricoach::sync::detail {

namespace {

[[noreturn]] void wrongType(std::size_t column, const char* wanted)
{
    throw DbFailure("column " + std::to_string(column) + " is not " + wanted, kStoreFailed);
}

const SqlValue& at(const SqlRow& row, std::size_t column)
{
    if (column >= row.size())
        throw DbFailure("the result has no column " + std::to_string(column), kStoreFailed);
    return row[column];
}

} // namespace

std::int64_t intAt(const SqlRow& row, std::size_t column)
{
    if (const auto* v = std::get_if<std::int64_t>(&at(row, column)))
        return *v;
    wrongType(column, "an integer");
}

std::optional<std::int64_t> optIntAt(const SqlRow& row, std::size_t column)
{
    if (std::holds_alternative<std::monostate>(at(row, column)))
        return std::nullopt;
    return intAt(row, column);
}

std::string textAt(const SqlRow& row, std::size_t column)
{
    if (const auto* v = std::get_if<std::string>(&at(row, column)))
        return *v;
    wrongType(column, "text");
}

std::optional<std::string> optTextAt(const SqlRow& row, std::size_t column)
{
    if (std::holds_alternative<std::monostate>(at(row, column)))
        return std::nullopt;
    return textAt(row, column);
}

Bytes bytesAt(const SqlRow& row, std::size_t column)
{
    if (const auto* v = std::get_if<Bytes>(&at(row, column)))
        return *v;
    wrongType(column, "bytes");
}

Timestamp timeAt(const SqlRow& row, std::size_t column)
{
    return Timestamp(std::chrono::milliseconds(intAt(row, column)));
}

std::optional<Timestamp> optTimeAt(const SqlRow& row, std::size_t column)
{
    if (const auto v = optIntAt(row, column))
        return Timestamp(std::chrono::milliseconds(*v));
    return std::nullopt;
}

void checkText(std::string_view text, std::string_view what)
{
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t len = text[i] == '\0' ? 0 : utf8SequenceLength(text, i);
        if (len == 0)
            throw DbFailure(std::string(what) + " is not valid UTF-8 text (byte " + std::to_string(i) + ")",
                            kStoreInvalid);
        i += len;
    }
}

ConnectionPool::ConnectionPool(int size, std::chrono::milliseconds waitLimit, Factory factory)
    : m_size(size)
    , m_waitLimit(waitLimit)
    , m_factory(std::move(factory))
{
}

ConnectionPool::Lease::Lease(ConnectionPool& pool, std::unique_ptr<SqlConnection> conn, bool reused)
    : m_pool(pool)
    , m_conn(std::move(conn))
    , m_reused(reused)
{
}

ConnectionPool::Lease::~Lease()
{
    m_pool.giveBack(std::move(m_conn));
}

ConnectionPool::Lease ConnectionPool::acquire()
{
    std::unique_lock lock(m_mutex);
    if (m_idle.empty() && m_open >= m_size) {
        ++m_waits;
        if (!m_freed.wait_for(lock, m_waitLimit, [this] { return !m_idle.empty() || m_open < m_size; }))
            throw DbFailure("all " + std::to_string(m_size) + " database connections stayed busy for " +
                                std::to_string(m_waitLimit.count()) + " ms",
                            kStoreUnavailable);
    }
    ++m_inUse;
    if (!m_idle.empty()) {
        auto conn = std::move(m_idle.back());
        m_idle.pop_back();
        return Lease(*this, std::move(conn), true);
    }
    ++m_open; // reserved before connecting, so other callers do not open past the size meanwhile
    lock.unlock();
    try {
        return Lease(*this, m_factory(), false);
    } catch (...) {
        lock.lock();
        --m_open;
        --m_inUse;
        m_freed.notify_one();
        throw;
    }
}

void ConnectionPool::giveBack(std::unique_ptr<SqlConnection> conn)
{
    std::unique_ptr<SqlConnection> dead;
    {
        std::lock_guard lock(m_mutex);
        --m_inUse;
        if (conn && !conn->broken()) {
            m_idle.push_back(std::move(conn));
        } else {
            dead = std::move(conn); // closed outside the lock
            --m_open;
            ++m_reconnects;
        }
    }
    m_freed.notify_one();
}

PoolStats ConnectionPool::stats() const
{
    std::lock_guard lock(m_mutex);
    return PoolStats{m_size, m_open, m_inUse, m_waits, m_reconnects};
}

} // namespace tricoach::sync::detail
