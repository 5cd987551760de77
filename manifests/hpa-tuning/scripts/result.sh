#!/usr/bin/env bash
# Sums up a scenario sampled by sample.sh and succeeds when the autoscaler
# scaled up during it.
#
#   result.sh SCENARIO
#   result.sh --all          one line per sampled scenario
#   result.sh SCENARIO --wait-down SECONDS
#                            also wait (sample.sh still running) until the
#                            scenario is back at its minimum; fail if it is not
#
# time to scale up   first sample with desired > the first sample's replicas
# time to peak       first sample at the highest ready count
# time to scale down first sample after the peak with current = desired = min
# replica-seconds    sum of ready replicas x interval: what the scenario paid for
# capped             whether desired ever reached max (the bound held it back)
set -euo pipefail

DIR="${HPA_RESULTS_DIR:-${TMPDIR:-/tmp}/illmlab-hpa-tuning}"

summary() {
  local scenario="$1" file="$DIR/$1.tsv"
  test -s "$file" || { echo "no samples for $scenario in $file: run its sample cell (background) with its k6 cell"; return 1; }
  awk -F'\t' -v s="$scenario" '
    NR == 1 { start = $2; min = $5; prev = $1 }
    {
      dt = $1 - prev; prev = $1; rs += $4 * dt
      if (up == "" && $3 > start) up = $1
      if ($4 > peak) { peak = $4; tpeak = $1 }
      if ($3 > maxdesired) maxdesired = $3
      if ($6 != "" && $3 >= $6) capped = "yes"
      if (peak > start && down == "" && $1 > tpeak && $2 == min && $3 == min) down = $1
      if ($7 != "-" && $7 + 0 > maxcpu) maxcpu = $7 + 0
      last = $1
    }
    END {
      printf "%-13s start %s  up after %ss  peak %s ready at %ss  max desired %s%s  back to min %s  replica-seconds %d over %ss  max cpu %s%%\n",
        s, start, (up == "" ? "-" : up), peak, tpeak, maxdesired, (capped ? " (capped at max)" : ""),
        (down == "" ? "not yet" : "after " down "s"), rs, last, maxcpu
      exit !(up != "")
    }' "$file"
}

if [ "${1:-}" = --all ]; then
  found=0
  for f in "$DIR"/*.tsv; do
    test -e "$f" || continue
    found=1
    summary "$(basename "$f" .tsv)" || true
  done
  [ "$found" = 1 ] || { echo "nothing sampled yet in $DIR"; exit 1; }
elif [ "${2:-}" = --wait-down ]; then
  deadline=$(($(date +%s) + ${3:?--wait-down needs seconds}))
  until line="$(summary "$1" 2>&1)" && grep -q 'back to min after' <<<"$line"; do
    if [ "$(date +%s)" -ge "$deadline" ]; then echo "$line"; echo "$1: not back at its minimum yet"; exit 1; fi
    sleep 5
  done
  echo "$line"
else
  summary "${1:?usage: result.sh SCENARIO | --all}"
fi
