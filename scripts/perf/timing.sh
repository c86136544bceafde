#!/bin/sh
# Server time of every page and list API call, median of N runs each (after one warm-up), against a running
# instance. Usage: scripts/perf/timing.sh BASE_URL API_KEY [N]
#   e.g. scripts/perf/timing.sh http://localhost:8080 dhk_... 7
# curl's time to first byte on the same machine is the server's time (plus well under a millisecond).
# See docs/performance.md for how to load 20,000 rules first.
BASE=${1:?base URL}; KEY=${2:?API key (admin or viewer)}; N=${3:-7}
ID=$(curl -s -H "Authorization: Bearer $KEY" "$BASE/api/rules?size=1&sort=id" | sed -n 's/.*"id":"\([^"]*\)".*/\1/p' | head -1)
for path in \
  "/" "/rules" "/rules?q=mimikatz" "/rules?q=powershell+download+cradle" "/rules?q=lsass&level=high&sort=-modified" \
  "/rules?product=windows&category=process_creation&page=20" "/rules?technique=T1059" "/rules/$ID" \
  "/techniques/T1059" "/coverage" "/evaluate" "/about" \
  "/api/rules" "/api/rules?q=ssh" "/api/rules?q=mimkatz&facets=true" "/api/rules?facets=true" \
  "/api/rules?tactic=execution&sort=-level&page=50" "/api/rules/$ID" "/api/coverage" ; do
  curl -s -o /dev/null -H "Authorization: Bearer $KEY" "$BASE$path"
  times=""
  i=0
  while [ $i -lt "$N" ]; do
    t=$(curl -s -o /dev/null -w '%{http_code} %{time_starttransfer}' -H "Authorization: Bearer $KEY" "$BASE$path")
    code=${t% *}; times="$times ${t#* }"
    i=$((i+1))
  done
  median=$(echo $times | tr ' ' '\n' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]*1000}')
  printf '%-60s %s %7.1f ms\n' "$path" "$code" "$median"
done
