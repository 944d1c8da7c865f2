#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages TriCoach needs to build, run and test — only those missing.
# Used by `make run` and `make test`; safe to run again (it does nothing when all is present).
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config
  qt6-base-dev qt6-charts-dev qt6-networkauth-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  libqt6opengl6-dev libgl-dev libxkbcommon-dev libvulkan-dev qtkeychain-qt6-dev
  libsqlite3-dev zlib1g-dev nlohmann-json3-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  xvfb xauth
  chromium
  # The keychain tests' private D-Bus session with a throwaway unlocked keyring (tests/support/with-keyring.sh);
  # libsecret is also what QtKeychain uses to reach a Linux keychain at run time.
  gnome-keyring libsecret-1-0 dbus-bin dbus-daemon
  nodejs npm gpsbabel
  # tricoach-sync: HTTP (RESTinio on Asio), outbound HTTP, PostgreSQL's client, passwords (Argon2id); its tests
  # start a real PostgreSQL and nginx, and its benchmark drives it with wrk.
  librestinio-dev libasio-dev libfmt-dev libhttp-parser-dev libcurl4-openssl-dev libpq-dev libsodium-dev
  postgresql nginx-light wrk
  # packaging/sync's checks: the unit (systemd-analyze), the nginx sites' certificates, compose.yaml (PyYAML).
  systemd openssl python3-yaml
)

# Packages that count as present when their command is: a Node.js from elsewhere (nodesource's nodejs package
# bundles npm and conflicts with Debian's npm) must not be "fixed" by installing Debian's over it.
declare -A command_of=([nodejs]=node [npm]=npm [gpsbabel]=gpsbabel)

if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
  echo "install-deps: not a Debian/Ubuntu system; install the equivalents of: ${packages[*]}" >&2
  exit 0
fi

missing=()
for p in "${packages[@]}"; do
  if [ -n "${command_of[$p]:-}" ] && command -v "${command_of[$p]}" >/dev/null 2>&1; then
    continue
  fi
  status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
  [ "$status" = "installed" ] || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "install-deps: installing ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "install-deps: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
