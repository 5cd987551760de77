#!/usr/bin/env bash
# Prints the recorded result of a scenario's rollout (see rollout.sh) and
# succeeds when that rollout finished ("ok") and the workload in the cluster
# still runs the version it rolled out to.
#
#   result.sh SCENARIO [deployment|rollout]
#
# Waits up to RESULT_WAIT seconds (default 300) for rollout.sh to record it:
# the background cell may still be running when the k6 cell ends.
set -euo pipefail

NS="${NS:-lab-rolling-update}"
SCENARIO="${1:?usage: result.sh SCENARIO [deployment|rollout]}"
KIND="${2:-deployment}"
RESULTS="${RU_RESULTS:-${TMPDIR:-/tmp}/illmlab-rolling-update/results.tsv}"
WAIT="${RESULT_WAIT:-300}"

current="$(kubectl -n "$NS" get "$KIND/metrics-app" \
  -o jsonpath='{.spec.template.spec.containers[0].env[?(@.name=="APP_VERSION")].value}')"
line=""
for _ in $(seq 1 "$((WAIT / 5))"); do
  line="$(awk -F'\t' -v s="$SCENARIO" -v v="$current" '$1 == s && $8 == v' "$RESULTS" 2>/dev/null | tail -1)"
  [ -n "$line" ] && break
  sleep 5
done
if [ -z "$line" ]; then
  echo "no recorded rollout of scenario $SCENARIO to APP_VERSION=$current in $RESULTS:" \
    "run its rollout cell (background) and its k6 cell first"
  exit 1
fi
echo "$line" | awk -F'\t' '{
  printf "scenario %s (%s, %s replicas): %s after %ss; at most %s pods, at least %s available; version %s\n",
    $1, $2, $3, $7, $4, $5, $6, $8 }'
echo "$line" | awk -F'\t' '$7 == "ok" { found = 1 } END { exit !found }'
