#!/usr/bin/env bash
# Samples an HPA and its Deployment every INTERVAL seconds (default 5) and
# writes one tab-separated line per sample to $HPA_RESULTS_DIR/SCENARIO.tsv:
#
#   seconds current desired ready min max cpu_util mem_util pods_metric external_metric
#
# (seconds since this script started; utilizations in % of the request as the
# HPA saw them; metric values as the HPA shows them, e.g. 7500m = 7.5).
# It stops SAMPLE_SECONDS after start (default 900), or earlier once the HPA
# has scaled up and is back at its minimum for 3 samples in a row, or when the
# HPA it started with is gone (the next scenario's apply.sh deleted it).
#
#   sample.sh SCENARIO [HPA_NAME]       (default HPA metrics-app)
set -euo pipefail

NS="${NS:-lab-hpa-tuning}"
SCENARIO="${1:?usage: sample.sh SCENARIO [HPA_NAME]}"
HPA="${2:-metrics-app}"
INTERVAL="${INTERVAL:-5}"
LIMIT="${SAMPLE_SECONDS:-900}"
DIR="${HPA_RESULTS_DIR:-${TMPDIR:-/tmp}/illmlab-hpa-tuning}"
OUT="$DIR/$SCENARIO.tsv"
mkdir -p "$DIR"
: >"$OUT"
k() { kubectl -n "$NS" "$@"; }

uid="$(k get hpa "$HPA" -o jsonpath='{.metadata.uid}')"
start="$(date +%s)"
scaled=0
at_min=0
echo "sampling hpa/$HPA every ${INTERVAL}s into $OUT (at most ${LIMIT}s)"
printf '%7s %7s %7s %5s %4s %4s %8s %8s %10s %10s\n' seconds current desired ready min max cpu% mem% pods ext
while [ $(($(date +%s) - start)) -lt "$LIMIT" ]; do
  if [ "$(k get hpa "$HPA" -o jsonpath='{.metadata.uid}' 2>/dev/null || true)" != "$uid" ]; then
    echo "hpa/$HPA was deleted or replaced: stopped"
    break
  fi
  IFS='|' read -r current desired min max cpu mem podsm extm <<<"$(k get hpa "$HPA" -o jsonpath='{.status.currentReplicas}|{.status.desiredReplicas}|{.spec.minReplicas}|{.spec.maxReplicas}|{.status.currentMetrics[?(@.resource.name=="cpu")].resource.current.averageUtilization}|{.status.currentMetrics[?(@.resource.name=="memory")].resource.current.averageUtilization}|{.status.currentMetrics[?(@.type=="Pods")].pods.current.averageValue}|{.status.currentMetrics[?(@.type=="External")].external.current.averageValue}' 2>/dev/null || echo '||||||')"
  ready="$(k get deployment metrics-app -o jsonpath='{.status.readyReplicas}' 2>/dev/null || true)"
  t=$(($(date +%s) - start))
  current="${current:-0}" desired="${desired:-0}" min="${min:-1}" ready="${ready:-0}"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$t" "$current" "$desired" "$ready" "$min" "${max:-}" \
    "${cpu:--}" "${mem:--}" "${podsm:--}" "${extm:--}" >>"$OUT"
  printf '%7s %7s %7s %5s %4s %4s %8s %8s %10s %10s\n' "$t" "$current" "$desired" "$ready" "$min" "${max:-}" \
    "${cpu:--}" "${mem:--}" "${podsm:--}" "${extm:--}"
  if [ "$desired" -gt "$min" ]; then scaled=1; fi
  if [ "$scaled" = 1 ] && [ "$current" = "$min" ] && [ "$desired" = "$min" ]; then
    at_min=$((at_min + 1))
    if [ "$at_min" -ge 3 ]; then echo "back at $min replica(s): done"; break; fi
  else
    at_min=0
  fi
  sleep "$INTERVAL"
done
bash "$(dirname "$0")/result.sh" "$SCENARIO" || true
