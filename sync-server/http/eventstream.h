#pragma once

#include <string>

namespace tricoach::sync {

// An open response the server keeps writing to (server-sent events). Thread-safe: any thread may write; writes are
// sent in order. Once the client has gone, writes return false and the stream says it is closed.
class EventStream {
public:
    virtual ~EventStream() = default;
    virtual bool write(std::string data) = 0;
    virtual void close() = 0;
    virtual bool isOpen() const = 0;
};

} // namespace tricoach::sync
