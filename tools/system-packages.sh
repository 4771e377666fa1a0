#!/bin/sh
# Install the Debian packages listed in the given files when any is missing: as root directly, otherwise print
# the command to run. Never fails the build on its own: the tests that need a package say so.
set -eu
missing=""
for list in "$@"; do
    for package in $(grep -v '^[[:space:]]*#' "$list"); do
        dpkg -s "$package" >/dev/null 2>&1 || missing="$missing $package"
    done
done
[ -z "$missing" ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
    echo "system-packages: not a Debian system; install the equivalents of:$missing" >&2
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "system-packages: missing:$missing" >&2
    echo "system-packages: run: sudo apt-get update && sudo apt-get install -y --no-install-recommends$missing" >&2
    exit 0
fi
echo "system-packages: installing$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null
