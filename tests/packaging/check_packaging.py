#!/usr/bin/env python3
"""Checks of packaging/sync (tricoach-sync's systemd unit, env file, credentials, nginx sites, compose, container
file) against the real tools and the real server binary. One check per CTest test:

    check_packaging.py CHECK SOURCE_DIR TRICOACH_SYNC_BINARY

CHECK is one of: systemd, envfile, credentials, nginx, compose, containerfile. A missing tool fails the check with
the Debian package to install (scripts/install-deps.sh installs them all); nothing is skipped silently.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

HEARTBEAT_SECONDS = 15  # EventHubOptions::heartbeat: nginx must wait longer than this on an idle stream
failures = []


def fail(message):
    failures.append(message)
    print("FAIL: " + message)


def need(tool, package):
    path = shutil.which(tool) or (tool if os.path.exists(tool) else None)
    if not path:
        print(f"FAIL: {tool} is missing: install Debian's {package} (scripts/install-deps.sh does)")
        sys.exit(1)
    return path


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def server_names(src):
    """Every TRICOACH_SYNC_* / TRICOACH_STRAVA_* name the server's configuration reads (its one home)."""
    text = read(os.path.join(src, "sync-server/app/serverconfig.cpp"))
    return set(re.findall(r'"(TRICOACH_(?:SYNC|STRAVA)_[A-Z_]+)"', text))


def reads_as_file(binary, name, scratch):
    """True when the server reads NAME_FILE: pointed at a missing file, it refuses to start and names it."""
    env = dict(os.environ, HOME=scratch, XDG_DATA_HOME=scratch)
    env = {k: v for k, v in env.items() if not k.startswith("TRICOACH_")}
    env[name + "_FILE"] = os.path.join(scratch, "no-such-file")
    run = subprocess.run([binary, "migrate", "--database", "sqlite:" + os.path.join(scratch, "probe.sqlite")],
                         env=env, capture_output=True, text=True, timeout=60)
    return run.returncode != 0 and (name + "_FILE") in run.stderr


def check_file_names(names, binary, where):
    """Names given to the server: each one it reads, each NAME_FILE one of its secrets."""
    known = server_names(SRC)
    with tempfile.TemporaryDirectory() as scratch:
        for name in sorted(names):
            base = name[:-5] if name.endswith("_FILE") else name
            if base not in known:
                fail(f"{where}: {name} is not a variable tricoach-sync reads")
            elif name.endswith("_FILE") and not reads_as_file(binary, base, scratch):
                fail(f"{where}: {name}: tricoach-sync does not read {base} from a file")


def check_systemd(binary):
    analyze = need("systemd-analyze", "systemd")
    unit_path = os.path.join(SRC, "packaging/sync/tricoach-sync.service")
    unit = read(unit_path)
    if "ExecStart=/usr/bin/tricoach-sync serve" not in unit:
        fail("the unit does not start /usr/bin/tricoach-sync serve")
    for line in ["DynamicUser=yes", "StateDirectory=tricoach-sync", "ProtectSystem=strict", "ProtectHome=yes",
                 "PrivateTmp=yes", "PrivateDevices=yes", "NoNewPrivileges=yes",
                 "RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX", "SystemCallFilter=@system-service",
                 "CapabilityBoundingSet=\n", "LockPersonality=yes", "MemoryDenyWriteExecute=yes",
                 "RestrictNamespaces=yes", "ProtectKernelTunables=yes", "ProtectKernelModules=yes",
                 "ProtectKernelLogs=yes", "ProtectControlGroups=yes", "UMask=0077", "Restart=on-failure",
                 "EnvironmentFile=-/etc/tricoach-sync/tricoach-sync.env"]:
        if not re.search(r"^" + re.escape(line.rstrip("\n")) + r"$", unit, re.M):
            fail("the unit lacks " + line.strip())
    # Secrets: each NAME_FILE=%d/ID has its LoadCredential=ID:..., and the server reads NAME from a file.
    credentials = set(re.findall(r"^LoadCredential=([^:\n]+):", unit, re.M))
    secrets = dict(re.findall(r"^Environment=(TRICOACH_[A-Z_]+_FILE)=%d/(\S+)$", unit, re.M))
    if not secrets:
        fail("the unit hands no secret over as a credential")
    for name, credential in secrets.items():
        if credential not in credentials:
            fail(f"{name} names credential {credential}, which no LoadCredential= loads")
    names = set(re.findall(r"^Environment=(TRICOACH_[A-Z_]+)=", unit, re.M))
    check_file_names(names, binary, "tricoach-sync.service")
    # The database defaults to the state folder: the server's default is $XDG_DATA_HOME/tricoach-sync/.
    if "Environment=XDG_DATA_HOME=%S" not in unit:
        fail("the unit's database does not default to its StateDirectory (XDG_DATA_HOME=%S)")

    # systemd-analyze verify resolves ExecStart: a copy that runs the binary just built.
    with tempfile.TemporaryDirectory() as scratch:
        copy = os.path.join(scratch, "tricoach-sync.service")
        with open(copy, "w", encoding="utf-8") as f:
            f.write(unit.replace("ExecStart=/usr/bin/tricoach-sync", "ExecStart=" + os.path.abspath(binary)))
        verify = subprocess.run([analyze, "verify", copy], capture_output=True, text=True, timeout=120)
        said = (verify.stdout + verify.stderr).strip()
        if verify.returncode != 0 or said:
            fail(f"systemd-analyze verify (exit {verify.returncode}):\n{said}")
        security = subprocess.run([analyze, "security", "--offline=true", copy], capture_output=True, text=True,
                                  timeout=120)
        level = re.search(r"Overall exposure level for \S+: ([0-9.]+)", security.stdout)
        if not level:
            fail("systemd-analyze security gave no exposure level:\n" + security.stdout + security.stderr)
        elif float(level.group(1)) > 2.0:
            fail(f"exposure level {level.group(1)} is above 2.0 (systemd calls under 2 'OK')")
        else:
            print(f"systemd-analyze security: exposure {level.group(1)}")


def check_envfile(binary):
    path = os.path.join(SRC, "packaging/sync/tricoach-sync.env")
    listed = set(re.findall(r"^#?\s*(TRICOACH_[A-Z_]+)", read(path), re.M))
    known = server_names(SRC)
    for name in sorted(known - listed):
        fail(f"tricoach-sync.env does not describe {name}, which the server reads")
    for name in sorted(listed - known):
        fail(f"tricoach-sync.env describes {name}, which the server does not read")
    # The env file's syntax: systemd reads NAME=value lines; none may be active by default (all commented).
    for line in read(path).splitlines():
        if line and not line.startswith("#"):
            fail("tricoach-sync.env sets a value by default: " + line)
    check_file_names(listed, binary, "tricoach-sync.env")


def check_credentials(binary):
    script = os.path.join(SRC, "packaging/sync/tricoach-sync-credentials")
    unit = read(os.path.join(SRC, "packaging/sync/tricoach-sync.service"))
    with tempfile.TemporaryDirectory() as scratch:
        target = os.path.join(scratch, "credentials")
        subprocess.run([script, target], check=True, capture_output=True, timeout=60)
        wanted = set(re.findall(r"^LoadCredential=([^:\n]+):/etc/tricoach-sync/credentials/\1$", unit, re.M))
        made = set(os.listdir(target))
        if wanted != made:
            fail(f"the script makes {sorted(made)}, the unit loads {sorted(wanted)}")
        for name in made:
            mode = os.stat(os.path.join(target, name)).st_mode & 0o777
            if mode != 0o600:
                fail(f"credential {name} has mode {oct(mode)}, not 0600")
        with open(os.path.join(target, "token-key"), "rb") as f:
            import base64
            if len(base64.b64decode(f.read(), validate=True)) != 32:
                fail("token-key is not 32 bytes in base64")
        before = {n: read(os.path.join(target, n)) for n in made}
        subprocess.run([script, target], check=True, capture_output=True, timeout=60)
        if before != {n: read(os.path.join(target, n)) for n in made}:
            fail("a second run changed a credential")
        # The server starts on them as the unit hands them over (empty files: not set).
        env = {k: v for k, v in os.environ.items() if not k.startswith("TRICOACH_")}
        env["XDG_DATA_HOME"] = scratch
        for name, credential in re.findall(r"^Environment=(TRICOACH_[A-Z_]+_FILE)=%d/(\S+)$", unit, re.M):
            env[name] = os.path.join(target, credential)
        run = subprocess.run([binary, "migrate"], env=env, capture_output=True, text=True, timeout=60)
        if run.returncode != 0:
            fail("tricoach-sync refuses the credentials the script made: " + run.stderr)
        elif not os.path.exists(os.path.join(scratch, "tricoach-sync", "tricoach-sync.sqlite")):
            fail("with an empty database-url the database is not $XDG_DATA_HOME/tricoach-sync/tricoach-sync.sqlite")


def size_in_bytes(text):
    m = re.fullmatch(r"(\d+)([kKmM]?)", text)
    return int(m.group(1)) * {"": 1, "k": 1024, "m": 1 << 20}[m.group(2).lower()]


def free_port():
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def check_nginx(binary):
    nginx = need("/usr/sbin/nginx", "nginx-light")
    openssl = need("openssl", "openssl")
    folder = os.path.join(SRC, "packaging/sync/nginx")
    snippet = read(os.path.join(folder, "tricoach-sync-proxy.conf"))
    # The SSE location: unbuffered, and a read timeout above the heartbeat.
    stream = re.search(r"location = /v1/events/stream \{(.*?)\}", snippet, re.S)
    if not stream:
        fail("the proxy rules have no location for /v1/events/stream")
    else:
        if not re.search(r"proxy_buffering off;", stream.group(1)):
            fail("the event stream's location buffers")
        timeout = re.search(r"proxy_read_timeout (\d+)([smh]?);", stream.group(1))
        seconds = int(timeout.group(1)) * {"": 1, "s": 1, "m": 60, "h": 3600}[timeout.group(2)] if timeout else 60
        if seconds <= HEARTBEAT_SECONDS:
            fail(f"proxy_read_timeout {seconds} s is not above the {HEARTBEAT_SECONDS} s heartbeat")
    if not re.search(r"location /strava/webhook/", snippet):
        fail("the proxy rules have no location for Strava's webhook")
    body = re.search(r"^client_max_body_size (\S+);", snippet, re.M)
    server_default = re.search(r"TRICOACH_SYNC_MAX_BODY; default (\d+)",
                               subprocess.run([binary, "--help"], capture_output=True, text=True).stdout)
    if not body or not server_default or size_in_bytes(body.group(1)) != int(server_default.group(1)):
        fail("client_max_body_size is not the server's largest body (--max-body default)")
    for site in ["tricoach-sync.conf", "compose.conf"]:
        with tempfile.TemporaryDirectory() as prefix:
            # The certificate the site names, made here; the snippet where the site includes it; the compose
            # services' names (resolved by Docker's DNS there) as loopback here.
            subprocess.run([openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj",
                            "/CN=sync.example.org", "-keyout", prefix + "/key.pem", "-out", prefix + "/cert.pem"],
                           check=True, capture_output=True, timeout=60)
            shutil.copy(os.path.join(folder, "tricoach-sync-proxy.conf"), prefix + "/proxy.conf")
            text = read(os.path.join(folder, site))
            text = text.replace("/etc/nginx/snippets/tricoach-sync-proxy.conf", prefix + "/proxy.conf")
            text = re.sub(r"ssl_certificate\s+(\S+);", f"ssl_certificate {prefix}/cert.pem;", text)
            text = re.sub(r"ssl_certificate_key\s+(\S+);", f"ssl_certificate_key {prefix}/key.pem;", text)
            text = re.sub(r"server sync-\d+:", "server 127.0.0.1:", text)
            # nginx -t binds what it listens on: free loopback ports instead of 80 and 443 (which need root and
            # may be taken on a shared machine), keeping each listen's parameters (ssl, http2).
            text = re.sub(r"listen\s+[^\s;]+", lambda _: f"listen 127.0.0.1:{free_port()}", text)
            with open(prefix + "/site.conf", "w", encoding="utf-8") as f:
                f.write(text)
            user = "user root;\n" if os.geteuid() == 0 else ""
            with open(prefix + "/nginx.conf", "w", encoding="utf-8") as f:
                f.write(f"{user}pid {prefix}/nginx.pid;\nerror_log {prefix}/error.log;\nevents {{}}\nhttp {{\n"
                        f"  access_log {prefix}/access.log;\n"
                        + "".join(f"  {t}_temp_path {prefix}/{t};\n"
                                  for t in ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"])
                        + f"  include {prefix}/site.conf;\n}}\n")
            test = subprocess.run([nginx, "-t", "-p", prefix, "-c", prefix + "/nginx.conf", "-e",
                                   prefix + "/error.log"], capture_output=True, text=True, timeout=60)
            said = test.stdout + test.stderr
            if test.returncode != 0 or "test is successful" not in said:
                fail(f"nginx -t on {site}:\n{said}")
            elif "[warn]" in said or "[emerg]" in said:
                fail(f"nginx -t on {site} warns:\n{said}")
            else:
                print(f"nginx -t: {site} is valid")


def check_compose(binary):
    try:
        import yaml
    except ImportError:
        print("FAIL: PyYAML is missing: install Debian's python3-yaml (scripts/install-deps.sh does)")
        sys.exit(1)
    folder = os.path.join(SRC, "packaging/sync")
    doc = yaml.safe_load(read(os.path.join(folder, "compose.yaml")))
    services = doc.get("services", {})
    for name in ["postgres", "sync-1", "sync-2", "nginx"]:
        if name not in services:
            fail(f"compose.yaml has no service {name}")
    if "healthcheck" not in services.get("postgres", {}):
        fail("PostgreSQL has no health check")
    declared = doc.get("secrets", {})
    for name, secret in declared.items():
        if "file" not in secret:
            fail(f"secret {name} is not a file")
    names = set()
    for sname, service in services.items():
        given = [s if isinstance(s, str) else s["source"] for s in service.get("secrets", [])]
        for secret in given:
            if secret not in declared:
                fail(f"{sname} uses secret {secret}, which compose.yaml does not declare")
        env = service.get("environment", {})
        for key, value in (env.items() if isinstance(env, dict) else (e.split("=", 1) for e in env)):
            if key.endswith("_FILE"):
                m = re.fullmatch(r"/run/secrets/(.+)", str(value))
                if not m or m.group(1) not in given:
                    fail(f"{sname}: {key}={value} is not one of the service's secrets")
            if key.startswith("TRICOACH_"):
                names.add(key)
        if sname.startswith("sync-"):
            if services[sname].get("depends_on", {}).get("postgres", {}).get("condition") != "service_healthy":
                fail(f"{sname} does not wait for PostgreSQL's health")
            build = service.get("build", {})
            if not os.path.isfile(os.path.join(folder, build.get("context", ""), build.get("dockerfile", ""))):
                fail(f"{sname}'s container file is not where build names it")
        for volume in service.get("volumes", []):
            host = str(volume).split(":")[0]
            if host.startswith(".") and not os.path.exists(os.path.join(folder, host)):
                fail(f"{sname} mounts {host}, which does not exist")
    if not names:
        fail("the sync services are given no TRICOACH_* settings")
    check_file_names(names, binary, "compose.yaml")
    # make-compose-secrets makes every secret file compose.yaml names.
    with tempfile.TemporaryDirectory() as scratch:
        for f in ["make-compose-secrets", "tricoach-sync-credentials"]:
            shutil.copy(os.path.join(folder, f), scratch)
        subprocess.run([os.path.join(scratch, "make-compose-secrets")], check=True, capture_output=True, timeout=120)
        for name, secret in declared.items():
            if not os.path.isfile(os.path.join(scratch, secret.get("file", ""))):
                fail(f"make-compose-secrets does not make {secret.get('file')} (secret {name})")
        url = read(os.path.join(scratch, "secrets/database-url"))
        password = read(os.path.join(scratch, "secrets/postgres-password"))
        if f"tricoach:{password}@postgres/tricoach" not in url:
            fail("the database address does not carry PostgreSQL's password")


def check_containerfile(binary):
    readelf = need("readelf", "binutils")
    text = read(os.path.join(SRC, "packaging/sync/Containerfile"))
    stages = re.findall(r"^FROM (\S+)(?: AS (\S+))?$", text, re.M)
    if len(stages) < 2 or not stages[0][0].startswith("debian:bookworm") or stages[-1][0] != "debian:bookworm-slim":
        fail(f"not a bookworm build stage and a bookworm-slim runtime: {stages}")
    runtime = text[text.rindex("FROM "):]
    users = re.findall(r"^USER (\S+)", runtime, re.M)
    if not users or users[-1].split(":")[0] in ("root", "0"):
        fail("the runtime image runs as root")
    if not re.search(r"^HEALTHCHECK .*\n?.*/healthz", runtime, re.M):
        fail("no HEALTHCHECK on /healthz")
    if not re.search(r"^EXPOSE 8470$", runtime, re.M):
        fail("the runtime does not EXPOSE 8470")
    if "build-essential" in runtime or "-dev" in runtime:
        fail("the runtime installs build packages")
    installed = set(re.findall(r"[a-z0-9][a-z0-9.+-]+", " ".join(
        re.findall(r"apt-get install[^\n]*\n((?:.*\\\n)*.*)", runtime))))
    # Each library the binary links directly comes from a package the runtime installs (or bookworm-slim has).
    needed = re.findall(r"\(NEEDED\)\s+Shared library: \[(.+)\]",
                        subprocess.run([readelf, "-d", binary], capture_output=True, text=True).stdout)
    base = {"libc6", "libstdc++6", "libgcc-s1", "zlib1g"}
    ldd = subprocess.run(["ldd", binary], capture_output=True, text=True).stdout
    # A sanitizer build (make test-asan) links the sanitizers' runtimes, which a release image never carries.
    sanitizers = re.compile(r"^lib(asan|ubsan|tsan|lsan)\.so")
    for soname in needed:
        if sanitizers.match(soname):
            continue
        m = re.search(re.escape(soname) + r" => (\S+)", ldd)
        if not m:
            continue
        owner = subprocess.run(["dpkg", "-S", os.path.realpath(m.group(1))], capture_output=True, text=True)
        package = owner.stdout.split(":")[0] if owner.returncode == 0 else None
        if package and package not in base and package not in installed:
            fail(f"the runtime image lacks {package} (for {soname})")
    env = " ".join(re.findall(r"^ENV ((?:.*\\\n)*.*)", runtime, re.M))
    for name in re.findall(r"(TRICOACH_[A-Z_]+)=", env):
        base = name[:-5] if name.endswith("_FILE") else name
        if base not in server_names(SRC):
            fail(f"the container file sets {name}, which the server does not read")


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    check, SRC, BINARY = sys.argv[1], sys.argv[2], sys.argv[3]
    globals()["check_" + check](BINARY)
    if failures:
        sys.exit(f"{len(failures)} packaging problem(s) in {check}")
    print(f"packaging {check}: ok")
