#!/usr/bin/env bash
# Loads every Sigma rule of a folder tree into a running Detection Hub through the REST API (POST /api/rules).
# Usage: src/main/scripts/load-corpus.sh [base-url] [corpus-dir] [parallel]
#   defaults: http://localhost:8080, ../shared/corpus/sigmahq, 4 requests at a time.
# Prints how many rules were created (201), already present (409) and refused (other statuses, listed).
# Needs an editor's API key in DETECTIONHUB_API_KEY (an admin creates one: docs/security.md#machines-api-keys).
set -euo pipefail

if [ -z "${DETECTIONHUB_API_KEY:-}" ]; then
    echo "Set DETECTIONHUB_API_KEY to an API key with the editor role (docs/security.md)." >&2
    exit 2
fi
export DETECTIONHUB_API_KEY

BASE="${1:-http://localhost:8080}"
CORPUS="${2:-../shared/corpus/sigmahq}"
PARALLEL="${3:-4}"

results=$(mktemp)
trap 'rm -f "$results"' EXIT

find "$CORPUS" -type f \( -name '*.yml' -o -name '*.yaml' \) -print0 |
    xargs -0 -P "$PARALLEL" -I{} sh -c \
        'printf "%s %s\n" "$(curl -s -o /dev/null -w "%{http_code}" -H "Authorization: Bearer $DETECTIONHUB_API_KEY" -H "Content-Type: application/yaml" --data-binary "@$1" "$2/api/rules")" "$1"' \
        _ {} "$BASE" >> "$results"

echo "created: $(grep -c '^201 ' "$results" || true)"
echo "already present: $(grep -c '^409 ' "$results" || true)"
refused=$(grep -vE '^(201|409) ' "$results" || true)
echo "refused: $(printf '%s' "$refused" | grep -c . || true)"
printf '%s\n' "$refused" | head -20
