#!/usr/bin/env python3
"""tricoach-sync's benchmarks (make bench-sync): on loopback, bounded in time, against the build given (the
default preset is RelWithDebInfo), on SQLite and on PostgreSQL (a throwaway cluster with durable defaults:
fsync and synchronous_commit on). For each backend one server process with --bench-routes, then:

  hello      wrk on GET /bench/hello: the ceiling of this server in this run
  webhook    wrk on Strava webhook POSTs, each a new event written before the 200
  events     wrk on authenticated GET /v1/events pages
  1000/s     our open-loop generator (openloop.py) posting webhooks at 1,000 requests a second: p99
  fan-out    sync_sse_fanout: N idle event streams, a heartbeat on each, one event to all; memory per stream

    run_bench.py BUILD_DIR [--seconds S] [--streams N] [--backends sqlite,postgresql]
Prints one table; the raw JSON lines go to BUILD_DIR/bench-sync/results.jsonl.
"""
import argparse
import glob
import json
import os
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
WEBHOOK_PATH = "bench-hook-5a1f"
OWNER = 134815


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def raise_descriptors():
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


def last_json(text):
    for line in reversed(text.strip().splitlines()):
        if line.startswith("{"):
            return json.loads(line)
    raise RuntimeError("no result in:\n" + text)


class Postgres:
    """A durable PostgreSQL cluster of Debian's binaries in a folder (as `postgres` when run as root)."""

    def __init__(self, folder):
        bins = sorted(glob.glob("/usr/lib/postgresql/*/bin"))
        if not bins:
            sys.exit("bench-sync: PostgreSQL is missing: install Debian's postgresql")
        self.bin, self.folder, self.port = bins[-1], folder, free_port()
        self.as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        os.makedirs(folder, exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(folder, "postgres")
        subprocess.run(self.as_user + [self.bin + "/initdb", "-D", folder + "/data", "-U", "postgres",
                                       "--auth=trust"], check=True, capture_output=True)
        subprocess.run(self.as_user + [self.bin + "/pg_ctl", "-D", folder + "/data", "-l", folder + "/log", "-w",
                                       "-o", f"-p {self.port} -k {folder} -c listen_addresses=127.0.0.1 "
                                             "-c max_connections=200", "start"], check=True, capture_output=True)

    def new_database(self, name):
        subprocess.run(["psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-qc",
                        f"CREATE DATABASE {name}"], check=True, capture_output=True)
        return f"postgresql://postgres@127.0.0.1:{self.port}/{name}"

    def stop(self):
        subprocess.run(self.as_user + [self.bin + "/pg_ctl", "-D", self.folder + "/data", "-m", "fast", "stop"],
                       capture_output=True)


class Server:
    def __init__(self, binary, database, folder):
        self.binary, self.folder = binary, folder
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("TRICOACH_")}
        self.env.update({"HOME": folder, "TRICOACH_SYNC_DATABASE": database,
                         "TRICOACH_STRAVA_WEBHOOK_PATH": WEBHOOK_PATH,
                         "TRICOACH_STRAVA_VERIFY_TOKEN": "bench-verify-token",
                         # a server in production knows its push subscription (the bench posts its id)
                         "TRICOACH_STRAVA_SUBSCRIPTION_ID": "1"})
        # The API's request budgets must not cap a benchmark; BENCH_SYNC_SERVER_ENV adds or overrides variables.
        self.env["TRICOACH_SYNC_RATE_LIMIT"] = "off"
        self.env.update(json.loads(os.environ.get("BENCH_SYNC_SERVER_ENV", "{}")))

    def command(self, *args):
        return subprocess.run([self.binary, *args], env=self.env, check=True, capture_output=True,
                              text=True).stdout.strip()

    def start(self):
        self.port = free_port()
        self.log = open(os.path.join(self.folder, f"server-{self.port}.log"), "w")
        self.process = subprocess.Popen([self.binary, "serve", "--bench-routes", "--listen",
                                         f"127.0.0.1:{self.port}"], env=self.env, stdout=self.log,
                                        stderr=subprocess.STDOUT, preexec_fn=raise_descriptors)
        for _ in range(200):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/readyz", timeout=1) as r:
                    if r.status == 200:
                        return
            except OSError:
                time.sleep(0.05)
        sys.exit("bench-sync: the server never became ready; see " + self.log.name)

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)
        self.log.close()


def wrk(server, script, seconds, env):
    run = subprocess.run(["wrk", "-t2", "-c32", f"-d{seconds}s", "-s", os.path.join(HERE, script),
                          f"http://127.0.0.1:{server.port}/"], capture_output=True, text=True,
                         env=dict(os.environ, BENCH_LUA_DIR=HERE, **env), timeout=seconds + 60)
    return last_json(run.stdout)


def bench_backend(name, database, build, folder, args, results):
    server = Server(os.path.join(build, "sync-server/tricoach-sync"), database, folder)
    server.command("migrate")
    user = server.command("user", "create", "--strava-athlete", str(OWNER))
    token = server.command("session", "create", "--user", user).splitlines()[-1]
    server.start()
    env = {"WEBHOOK_PATH": WEBHOOK_PATH, "OWNER_ID": str(OWNER), "TOKEN": token}
    row = {"backend": name}
    row["hello"] = wrk(server, "hello.lua", args.seconds, env)
    row["webhook"] = wrk(server, "webhook.lua", args.seconds, dict(env, RUN_BASE="1000000000"))
    row["events"] = wrk(server, "events.lua", args.seconds, env)
    row["rate1000"] = last_json(subprocess.run(
        [sys.executable, os.path.join(HERE, "openloop.py"), str(server.port), "1000", str(args.seconds), "webhook",
         WEBHOOK_PATH, str(OWNER), "5000000000"], capture_output=True, text=True, timeout=args.seconds + 120).stdout)
    fan = subprocess.run([os.path.join(build, "tests/bench/sync_sse_fanout"), str(server.port), token,
                          str(args.streams), str(server.process.pid), WEBHOOK_PATH, str(OWNER)],
                         capture_output=True, text=True, timeout=180, preexec_fn=raise_descriptors)
    row["fanout"] = last_json(fan.stdout) if fan.stdout.strip() else {"error": fan.stderr.strip()}
    server.stop()
    results.append(row)
    return row


def table(rows):
    out = ["| backend | hello req/s | webhook req/s (ratio) | events req/s | webhook p99 @1000/s | "
           "streams / heartbeats | one event to all | KiB per idle stream |",
           "|---|---|---|---|---|---|---|---|"]
    for r in rows:
        h, w, e, o, f = r["hello"], r["webhook"], r["events"], r["rate1000"], r["fanout"]
        ratio = w["rps"] / h["rps"] if h["rps"] else 0
        fan = (f"{f['opened']} / {f['heartbeats']}", f"{f['all_ms']:.0f} ms (p50 {f['p50_ms']:.0f})",
               f"{f['kib_per_stream']:.1f}") if "opened" in f else (f.get("error", "?"), "-", "-")
        out.append(f"| {r['backend']} | {h['rps']:.0f} (p99 {h['p99_ms']:.1f} ms) | {w['rps']:.0f} ({ratio:.0%}; "
                   f"p99 {w['p99_ms']:.1f} ms, {w['errors']} errors) | {e['rps']:.0f} (p99 {e['p99_ms']:.1f} ms) | "
                   f"{o['p99_ms']:.1f} ms (p50 {o['p50_ms']:.1f}, {o['achieved_rps']:.0f}/s, {o['errors']} errors) | "
                   f"{fan[0]} | {fan[1]} | {fan[2]} |")
    out.append("")
    out.append("Targets: webhook >= 60% of hello on SQLite; p99 < 20 ms at 1,000 req/s; 10,000 idle streams, "
               "one event to all in < 1 s.")
    return "\n".join(out)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("build")
    p.add_argument("--seconds", type=int, default=8)
    p.add_argument("--streams", type=int, default=10000)
    p.add_argument("--backends", default="sqlite,postgresql")
    args = p.parse_args()
    for tool in ["wrk"]:
        if not shutil.which(tool):
            sys.exit(f"bench-sync: {tool} is missing: install Debian's {tool} (scripts/install-deps.sh does)")
    build = os.path.abspath(args.build)
    results, pg = [], None
    with tempfile.TemporaryDirectory(prefix="tricoach-bench-sync-") as folder:
        os.chmod(folder, 0o755)
        try:
            for backend in args.backends.split(","):
                sub = os.path.join(folder, backend)
                os.makedirs(sub)
                if backend == "sqlite":
                    database = "sqlite:" + os.path.join(sub, "sync.sqlite")
                else:
                    pg = Postgres(os.path.join(folder, "pg"))
                    database = pg.new_database("bench")
                print(f"bench-sync: {backend} ...", file=sys.stderr)
                bench_backend(backend, database, build, sub, args, results)
        finally:
            if pg:
                pg.stop()
    os.makedirs(os.path.join(build, "bench-sync"), exist_ok=True)
    with open(os.path.join(build, "bench-sync/results.jsonl"), "w") as f:
        for r in results:
            f.write(json.dumps(r) + "\n")
    print(table(results))


if __name__ == "__main__":
    main()
