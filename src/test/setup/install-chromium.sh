#!/usr/bin/env bash
# Installs Debian's Chromium and its matching chromedriver for the browser tests (no driver download).
# Runs from Maven's process-test-resources phase; returns at once when both are already present.
set -euo pipefail

# Maven passes -DskipTests / -Dmaven.test.skip (unset properties arrive as literal "${...}").
for flag in "$@"; do
    if [[ "$flag" == "true" ]]; then
        exit 0
    fi
done

if [[ -x /usr/bin/chromium && -x /usr/bin/chromedriver ]]; then
    exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-chromium: apt-get not found; install chromium and chromium-driver by hand (browser tests will skip)" >&2
    exit 0
fi

SUDO=""
if [[ "$(id -u)" != "0" ]]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        SUDO="sudo -n"
    else
        echo "install-chromium: not root and no password-less sudo; browser tests will skip" >&2
        exit 0
    fi
fi

export DEBIAN_FRONTEND=noninteractive
echo "install-chromium: installing chromium and chromium-driver with apt-get"
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends chromium chromium-driver fonts-dejavu-core
