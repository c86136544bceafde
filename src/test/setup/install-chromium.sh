#!/usr/bin/env bash
# Installs Debian's Chromium and its matching chromedriver for the browser tests (no driver download).
# Maven runs it in process-test-classes with "${skipTests}" "${maven.test.skip}"; it returns at once when the tests
# are skipped or both programs are present.
set -euo pipefail
source "$(dirname "$0")/test-tools.sh"

if tests_skipped "$@" || [[ -x /usr/bin/chromium && -x /usr/bin/chromedriver ]]; then
    exit 0
fi
apt_install browser chromium chromium-driver fonts-dejavu-core || exit 0
