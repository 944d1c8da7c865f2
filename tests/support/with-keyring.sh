#!/bin/sh
# Runs a command inside a private D-Bus session with an unlocked gnome-keyring, the Secret Service a Linux
# desktop has, so tests can use a real keychain:  tests/support/with-keyring.sh <command> [args...]
# HOME and the XDG folders point into a temporary folder, removed afterwards: the keyring it creates (with an
# empty password, unlocked at start) is a throwaway one, and a developer's real keyring is never touched. Works as
# root too. Missing packages are an error naming them, never a silent skip.
set -eu

missing=""
command -v dbus-run-session >/dev/null 2>&1 || missing="$missing dbus-bin"
command -v dbus-daemon >/dev/null 2>&1 || missing="$missing dbus-daemon"
command -v gnome-keyring-daemon >/dev/null 2>&1 || missing="$missing gnome-keyring"
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

# Inside the session: start the keyring daemon, unlocked with an empty password (it creates the "login" keyring
# on first use), and run the command. The daemon leaves when the session bus closes; the kill is for certainty.
dbus-run-session -- sh -c '
  eval "$(printf "" | gnome-keyring-daemon --unlock --components=secrets)"
  status=0
  "$@" || status=$?
  [ -n "${GNOME_KEYRING_PID:-}" ] && kill "$GNOME_KEYRING_PID" 2>/dev/null
  exit $status
' sh "$@"
