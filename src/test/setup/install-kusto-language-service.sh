#!/usr/bin/env bash
# Installs Microsoft's Kusto language service for the KQL tests: Node and npm from Debian when missing, then
# src/test/kusto/install.js (npm ci from the committed lock file, unless node_modules already holds it).
# Maven runs it in process-test-classes with "${skipTests}" "${maven.test.skip}"; it returns at once when the tests
# are skipped.
set -euo pipefail
source "$(dirname "$0")/test-tools.sh"

if tests_skipped "$@"; then
    exit 0
fi
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    apt_install "Kusto analyzer" nodejs npm || exit 0
fi
exec node "$(dirname "$0")/../kusto/install.js"
