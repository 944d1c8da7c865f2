# CTest fixture oracle.fitsdk_install: installs the pinned @garmin/fitsdk into NODE_DIR (the build folder's
# tests/oracle/node, which holds copies of package.json, package-lock.json and the scripts) with `npm ci`.
#
#   cmake -DNODE_DIR=... -DSDK_VERSION=... -P install_fitsdk.cmake
#
# Offline-friendly: without node or npm, or when the registry cannot be reached, it prints "oracle: SKIPPED"
# (the test's SKIP_REGULAR_EXPRESSION) and writes the reason to NODE_DIR/install-status.txt, where the oracle
# tests read it to skip with the same message. Under CI (CI set and not "false") the same cases fail instead:
# a CI that quietly skipped the oracle would look green while comparing nothing.
# An install of the pinned version that is already there is kept, so a second ctest run needs no network.

# Also installs other pinned npm test tools the same way: -DPACKAGE=playwright-core -DLABEL=browser (defaults:
# @garmin/fitsdk, oracle); the skip message then reads "<LABEL>: SKIPPED".
if(NOT NODE_DIR OR NOT SDK_VERSION)
  message(FATAL_ERROR "install_fitsdk.cmake needs -DNODE_DIR=... and -DSDK_VERSION=...")
endif()
if(NOT PACKAGE)
  set(PACKAGE "@garmin/fitsdk")
endif()
if(NOT LABEL)
  set(LABEL "oracle")
endif()

set(status_file "${NODE_DIR}/install-status.txt")
set(installed_package "${NODE_DIR}/node_modules/${PACKAGE}/package.json")
set(stamp_file "${NODE_DIR}/node_modules/.tricoach-lock-hash")
file(SHA256 "${NODE_DIR}/package-lock.json" lock_hash)

set(strict OFF)
if(DEFINED ENV{CI} AND NOT "$ENV{CI}" STREQUAL "" AND NOT "$ENV{CI}" STREQUAL "false")
  set(strict ON)
endif()

function(give_up reason)
  file(WRITE "${status_file}" "${reason}\n")
  if(strict)
    message(FATAL_ERROR "${LABEL}: ${PACKAGE} cannot be installed under CI: ${reason}")
  endif()
  # FATAL_ERROR only to leave with a non-zero status; the SKIP_REGULAR_EXPRESSION turns it into "Skipped".
  message(FATAL_ERROR "${LABEL}: SKIPPED: ${reason}")
endfunction()

function(installed_version out)
  set(version "")
  if(EXISTS "${installed_package}")
    file(READ "${installed_package}" json)
    string(JSON version ERROR_VARIABLE ignored GET "${json}" version)
  endif()
  set(${out} "${version}" PARENT_SCOPE)
endfunction()

find_program(NODE_EXECUTABLE node)
if(NOT NODE_EXECUTABLE)
  give_up("node is not installed (scripts/install-deps.sh installs the Debian package nodejs)")
endif()

installed_version(version)
if(version STREQUAL SDK_VERSION AND EXISTS "${stamp_file}")
  file(READ "${stamp_file}" stamped_hash)
  if(stamped_hash STREQUAL lock_hash)
    file(WRITE "${status_file}" "installed\n")
    message(STATUS "${LABEL}: ${PACKAGE} ${version} already installed in ${NODE_DIR}")
    return()
  endif()
endif()

find_program(NPM_EXECUTABLE npm)
if(NOT NPM_EXECUTABLE)
  give_up("npm is not installed (scripts/install-deps.sh installs the Debian package npm)")
endif()

# A short fetch timeout and one retry: without network npm would otherwise wait minutes before failing.
execute_process(
  COMMAND "${NPM_EXECUTABLE}" ci --prefix "${NODE_DIR}" --no-audit --no-fund --fetch-timeout=30000
          --fetch-retries=1
  WORKING_DIRECTORY "${NODE_DIR}"
  RESULT_VARIABLE npm_result
  OUTPUT_VARIABLE npm_output
  ERROR_VARIABLE npm_output
  TIMEOUT 300)
if(NOT npm_result EQUAL 0)
  string(REGEX REPLACE "\n+$" "" npm_output "${npm_output}")
  give_up("`npm ci` failed (${npm_result}); is the npm registry reachable? npm said:\n${npm_output}")
endif()

installed_version(version)
if(NOT version STREQUAL SDK_VERSION)
  # Not a reason to skip: the lock file and package.json disagree, which a developer must fix.
  file(WRITE "${status_file}" "npm installed ${PACKAGE} '${version}', not the pinned ${SDK_VERSION}\n")
  message(FATAL_ERROR "${LABEL}: npm installed ${PACKAGE} '${version}', expected ${SDK_VERSION}: "
                      "regenerate its package-lock.json")
endif()
file(WRITE "${stamp_file}" "${lock_hash}")
file(WRITE "${status_file}" "installed\n")
message(STATUS "${LABEL}: installed ${PACKAGE} ${version} in ${NODE_DIR}")
