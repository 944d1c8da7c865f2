#!/usr/bin/env python3
"""An open-loop load generator for tricoach-sync: requests at a fixed rate whatever the server's latency (what wrk2
does; wrk2 is not in Debian), each latency measured from the moment the request was due, so a stalled server shows
in the percentiles instead of slowing the load down (no coordinated omission). Keep-alive connections, as many as
are in flight. One JSON line out.

    openloop.py PORT RATE SECONDS webhook WEBHOOK_PATH OWNER_ID RUN_BASE
"""
import asyncio
import json
import sys


def webhook_request(path, owner, base):
    def make(i):
        body = json.dumps({"object_type": "activity", "object_id": base + i, "aspect_type": "create",
                           "owner_id": int(owner), "subscription_id": 1, "event_time": 1516126040, "updates": {}})
        return (f"POST /strava/webhook/{path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                f"Content-Length: {len(body)}\r\n\r\n{body}").encode()
    return make


async def read_response(reader):
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head[9:12])
    length = 0
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":", 1)[1])
    if length:
        await reader.readexactly(length)
    return status


async def run(port, rate, seconds, make):
    loop = asyncio.get_running_loop()
    idle, latencies, failures = [], [], [0]

    async def one(i, due):
        try:
            conn = idle.pop() if idle else await asyncio.open_connection("127.0.0.1", port)
            conn[1].write(make(i))
            status = await read_response(conn[0])
            latencies.append(loop.time() - due)
            if status != 200:
                failures[0] += 1
            idle.append(conn)
        except (OSError, asyncio.IncompleteReadError, ValueError):
            failures[0] += 1

    start = loop.time() + 0.2
    tasks = []
    total = int(rate * seconds)
    for i in range(total):
        due = start + i / rate
        delay = due - loop.time()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(one(i, due)))
    await asyncio.gather(*tasks)
    elapsed = loop.time() - start
    latencies.sort()

    def pct(q):
        return round(latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000, 3) if latencies else -1

    print(json.dumps({"rate": rate, "requests": total, "achieved_rps": round(len(latencies) / elapsed, 1),
                      "errors": failures[0], "p50_ms": pct(0.50), "p99_ms": pct(0.99), "p999_ms": pct(0.999),
                      "max_ms": pct(1.0)}))


if __name__ == "__main__":
    if len(sys.argv) != 8 or sys.argv[4] != "webhook":
        sys.exit(__doc__)
    port, rate, seconds = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3])
    asyncio.run(run(port, rate, seconds, webhook_request(sys.argv[5], sys.argv[6], int(sys.argv[7]))))
