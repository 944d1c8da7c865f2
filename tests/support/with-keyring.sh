#!/bin/sh
# Runs a command inside a private D-Bus session with an unlocked gnome-keyring, the Secret Service a Linux
# desktop has, so tests can use a real keychain:  tests/support/with-keyring.sh [--no-keyring] <command> [args...]
# --no-keyring: the private session alone, for a test that puts a keychain of its own on the bus.
# HOME and the XDG folders point into a temporary folder, removed afterwards: the keyring it creates is a throwaway
# one, and a developer's real keyring is never touched. Works as root too. Missing packages are an error naming
# them, never a silent skip. TRICOACH_TEST_KEYRING=1 tells the keychain tests they run in such a session.
set -eu

keyring=yes
if [ "${1:-}" = "--no-keyring" ]; then
  keyring=no
  shift
fi

missing=""
command -v dbus-run-session >/dev/null 2>&1 || missing="$missing dbus-bin"
command -v dbus-daemon >/dev/null 2>&1 || missing="$missing dbus-daemon"
[ "$keyring" = no ] || command -v gnome-keyring-daemon >/dev/null 2>&1 || missing="$missing gnome-keyring"
# QtKeychain loads libsecret at run time and quietly does without it.
if ! { ldconfig -p 2>/dev/null || /sbin/ldconfig -p 2>/dev/null; } | grep -q 'libsecret-1\.so\.0'; then
  missing="$missing libsecret-1-0"
fi
if [ -n "$missing" ]; then
  echo "with-keyring.sh: the keychain tests need these packages, which are missing:$missing" >&2
  echo "with-keyring.sh: install them with scripts/install-deps.sh (make test runs it)" >&2
  exit 1
fi

scratch=$(mktemp -d "${TMPDIR:-/tmp}/tricoach-keyring.XXXXXX")
trap 'rm -rf "$scratch"' EXIT INT TERM
mkdir -p "$scratch/home" "$scratch/data" "$scratch/config" "$scratch/cache" "$scratch/runtime"
chmod 700 "$scratch/runtime"
export HOME="$scratch/home" XDG_DATA_HOME="$scratch/data" XDG_CONFIG_HOME="$scratch/config" \
  XDG_CACHE_HOME="$scratch/cache" XDG_RUNTIME_DIR="$scratch/runtime"
# No display: nothing may pop up a password prompt, and libdbus must not start a bus of its own for one.
unset DISPLAY WAYLAND_DISPLAY DBUS_SESSION_BUS_ADDRESS GNOME_KEYRING_CONTROL
export TRICOACH_TEST_KEYRING=1

# Inside the session: start the keyring daemon with its "login" keyring unlocked, wait until it answers on the bus
# as the Secret Service, and run the command. The password is a throwaway for a throwaway keyring; it must not be
# empty: gnome-keyring 42 reads an empty password as none and then creates no login keyring at all, so every write
# fails ("Object does not exist at path /org/freedesktop/secrets/collection/login") after a prompt nobody can see.
if [ "$keyring" = no ]; then
  exec dbus-run-session -- "$@"
fi
dbus-run-session -- sh -c '
  printf "tricoach-test" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  tries=0
  until dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
          org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q "boolean true"; do
    tries=$((tries + 1))
    if [ "$tries" -gt 100 ]; then
      echo "with-keyring.sh: gnome-keyring-daemon did not come up on the session bus within 10 s" >&2
      exit 1
    fi
    sleep 0.1
  done
  # It should leave with the bus; stop it for certain, so no daemon outlives the test.
  keyring=$(dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.GetConnectionUnixProcessID string:org.freedesktop.secrets 2>/dev/null |
    sed -n "s/.*uint32 \([0-9]*\).*/\1/p")
  status=0
  "$@" || status=$?
  [ -n "$keyring" ] && kill "$keyring" 2>/dev/null
  exit "$status"
' sh "$@"
