#!/usr/bin/env bash
# Times every page of a running Detection Hub with curl (server-side time to the full response).
# Usage: src/main/scripts/page-timings.sh [base-url] [runs]
#   base-url defaults to http://localhost:8080, runs (per page, after one warm-up) to 5.
# Import the SigmaHQ corpus first (POST /api/imports, docs/pages.md) so the pages are measured with the whole library.
# Baseline rows in the same run: the JSON API answering the same searches (what a page adds is rendering and facets),
# and the near-static about page (the server's floor on this machine at this moment).
# Needs an API key (any role) in DETECTIONHUB_API_KEY: pages accept it as well as a session.
set -euo pipefail

if [ -z "${DETECTIONHUB_API_KEY:-}" ]; then
    echo "Set DETECTIONHUB_API_KEY to an API key (docs/security.md)." >&2
    exit 2
fi
AUTH="Authorization: Bearer $DETECTIONHUB_API_KEY"

BASE="${1:-http://localhost:8080}"
RUNS="${2:-5}"

first_rule_id=$(curl -fsS -H "$AUTH" "$BASE/api/rules?size=1&q=ssh" | sed -n 's/.*"id" *: *"\([^"]*\)".*/\1/p' | head -1)
if [[ -z "$first_rule_id" ]]; then
    first_rule_id=$(curl -fsS -H "$AUTH" "$BASE/api/rules?size=1" | sed -n 's/.*"id" *: *"\([^"]*\)".*/\1/p' | head -1)
fi
rule_count=$(curl -fsS -H "$AUTH" "$BASE/api/rules?size=1" | sed -n 's/.*"total[A-Za-z]*" *: *\([0-9]*\).*/\1/p' | head -1)
echo "Library: ${rule_count:-?} rules; sample rule: ${first_rule_id:-none}"

pages=(
    "/"
    "/rules"
    "/rules?q=powershell"
    "/rules?tactic=execution&level=high"
    "/rules?product=windows&sort=modified&page=3"
    "/rules/${first_rule_id}"
    "/rules/${first_rule_id}/edit"
    "/rules/new"
    "/techniques/T1059"
    "/techniques/T1059.001"
    "/coverage"
    "/coverage?level=high&product=windows"
    "/evaluate"
    "/about"
    "/api/rules?size=50"
    "/api/rules?size=50&tactic=execution&level=high"
    "/api/rules/${first_rule_id}"
)

printf '%-48s %6s %9s %9s %9s %9s\n' "page" "status" "min ms" "median ms" "max ms" "KiB"
for page in "${pages[@]}"; do
    curl -s -o /dev/null -H "$AUTH" "$BASE$page" || true   # warm-up
    times=()
    status=""
    size=""
    for ((i = 0; i < RUNS; i++)); do
        read -r status t size < <(curl -s -o /dev/null -H "$AUTH" -w '%{http_code} %{time_total} %{size_download}\n' "$BASE$page")
        times+=("$(awk -v t="$t" 'BEGIN { printf "%.1f", t * 1000 }')")
    done
    sorted=($(printf '%s\n' "${times[@]}" | sort -n))
    median=${sorted[$((RUNS / 2))]}
    printf '%-48s %6s %9s %9s %9s %9s\n' "$page" "$status" "${sorted[0]}" "$median" "${sorted[$((RUNS - 1))]}" \
        "$(awk -v s="$size" 'BEGIN { printf "%.0f", s / 1024 }')"
done
