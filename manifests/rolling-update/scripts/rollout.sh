#!/usr/bin/env bash
# Starts one measured rollout of metrics-app in lab-rolling-update and records it.
#
#   rollout.sh [SCENARIO]        (default: $SCENARIO, else "default")
#
# Waits ROLLOUT_DELAY seconds (default 20, so that k6 reaches steady load
# first), sets APP_VERSION to a new value (any pod template change starts a
# rollout), waits for the rollout to finish and samples the workload's status
# every second on the way. Appends one tab-separated line to RU_RESULTS
# (default ${TMPDIR:-/tmp}/illmlab-rolling-update/results.tsv):
#
#   scenario kind desired seconds max_pods min_available result version finished_at
#
# KIND=deployment (default) or KIND=rollout (Argo Rollouts; patched with a
# JSON patch, since `kubectl set env` and `kubectl rollout status` do not know
# Rollouts). ROLLOUT_TIMEOUT (default 600) bounds the wait.
set -euo pipefail

NS="${NS:-lab-rolling-update}"
SCENARIO="${1:-${SCENARIO:-default}}"
KIND="${KIND:-deployment}"
DELAY="${ROLLOUT_DELAY:-20}"
TIMEOUT="${ROLLOUT_TIMEOUT:-600}"
RESULTS="${RU_RESULTS:-${TMPDIR:-/tmp}/illmlab-rolling-update/results.tsv}"
mkdir -p "$(dirname "$RESULTS")"

k() { kubectl -n "$NS" "$@"; }

# Fields of the workload, comma-separated (a missing field stays an empty one).
fields() {
  k get "$KIND/metrics-app" -o jsonpath="$1"
}

# Deployment: what `kubectl rollout status` checks. Rollout: Argo's phase plus
# the new ReplicaSet being the stable one and every replica updated and available.
done_yet() {
  if [ "$KIND" = deployment ]; then
    k rollout status "deployment/metrics-app" --timeout=1s >/dev/null 2>&1
  else
    local phase hash stable pods updated available desired
    IFS=, read -r phase hash stable pods updated available desired \
      <<<"$(fields '{.status.phase},{.status.currentPodHash},{.status.stableRS},{.status.replicas},{.status.updatedReplicas},{.status.availableReplicas},{.spec.replicas}')"
    [ "$phase" = Healthy ] && [ -n "$hash" ] && [ "$hash" = "$stable" ] &&
      [ "$pods" = "$desired" ] && [ "$updated" = "$desired" ] && [ "$available" = "$desired" ]
  fi
}

k get "$KIND/metrics-app" >/dev/null
echo "scenario $SCENARIO ($KIND): rollout starts in ${DELAY}s"
sleep "$DELAY"

version="2.0.$(date +%s)"
start="$(date +%s)"
echo "$(date -u +%H:%M:%S) APP_VERSION=$version"
if [ "$KIND" = deployment ]; then
  k set env deployment/metrics-app "APP_VERSION=$version" >/dev/null
else
  k patch rollout/metrics-app --type=json -p "[
    {\"op\":\"test\",\"path\":\"/spec/template/spec/containers/0/env/0/name\",\"value\":\"APP_VERSION\"},
    {\"op\":\"replace\",\"path\":\"/spec/template/spec/containers/0/env/0/value\",\"value\":\"$version\"}]" >/dev/null
fi

max_pods=0
min_available=""
result=timeout
sleep 1
while [ $(($(date +%s) - start)) -lt "$TIMEOUT" ]; do
  IFS=, read -r pods available updated desired \
    <<<"$(fields '{.status.replicas},{.status.availableReplicas},{.status.updatedReplicas},{.spec.replicas}')"
  pods="${pods:-0}" available="${available:-0}" updated="${updated:-0}" desired="${desired:-0}"
  if [ "$pods" -gt "$max_pods" ]; then max_pods="$pods"; fi
  if [ -z "$min_available" ] || [ "$available" -lt "$min_available" ]; then min_available="$available"; fi
  echo "$(date -u +%H:%M:%S) pods=$pods available=$available updated=$updated desired=$desired"
  if done_yet; then
    result=ok
    break
  fi
  if [ "$KIND" = deployment ] &&
    k get deployment/metrics-app -o jsonpath='{.status.conditions[?(@.type=="Progressing")].reason}' | grep -q ProgressDeadlineExceeded; then
    result=deadline-exceeded
    break
  fi
  sleep 1
done
seconds=$(($(date +%s) - start))
desired="$(k get "$KIND/metrics-app" -o jsonpath='{.spec.replicas}')"

printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$SCENARIO" "$KIND" "$desired" "$seconds" "$max_pods" "${min_available:-0}" \
  "$result" "$version" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" >>"$RESULTS"
echo "scenario=$SCENARIO result=$result seconds=$seconds max_pods=$max_pods min_available=${min_available:-0} (recorded in $RESULTS)"
[ "$result" = ok ]
