#!/usr/bin/env bash
# Install the Debian packages named in a list file, only when `dpkg -s` says some are missing.
# Usage: scripts/deb-install.sh LIST_FILE
set -euo pipefail
list="$1"
missing=()
while read -r line; do
  name="${line%%#*}"
  name="$(echo "$name" | tr -d '[:space:]')"
  [ -n "$name" ] || continue
  dpkg -s "$name" >/dev/null 2>&1 || missing+=("$name")
done < "$list"
[ ${#missing[@]} -eq 0 ] && exit 0
echo "installing Debian packages: ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
    echo "missing Debian packages (${missing[*]}); run as root: apt-get install ${missing[*]}" >&2; exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
