#pragma once
// Why the keychain cannot work here, in words a person can act on. Only Linux (and the BSDs) can say more than
// the keychain library does: there the keychain is a D-Bus service and a library that may simply be missing.

#include <QString>

namespace tricoach {

// Non-empty when no keychain can be reached at all (no D-Bus session bus), so asking one would be pointless.
QString keychainUnreachable();
// After a failed call: what is missing (libsecret, a Secret Service on the bus), or empty when nothing obvious is.
QString keychainHint();

} // namespace tricoach
