#!/usr/bin/env bash
# Applies one scenario from a clean start and waits until its autoscaler reads
# metrics.
#
#   apply.sh OVERLAY        (cpu-50, cpu-70, cpu-80, behavior, bounds, memory,
#                            multi-metric, keda, vpa)
#
# Deletes the previous scenario's autoscalers first: the HPA controller keeps
# the recommendations of the last 5 minutes per HPA, and two autoscalers on one
# Deployment fight. Then applies the overlay, sets the replicas to the new
# minimum and waits for the rollout and (for HPA scenarios) for the HPA's
# ScalingActive condition: metrics-server reports a new pod after 15-60 s.
set -euo pipefail

NS="${NS:-lab-hpa-tuning}"
OVERLAY="${1:?usage: apply.sh OVERLAY}"
DIR="$(cd "$(dirname "$0")/.." && pwd)/overlays/$OVERLAY"
test -f "$DIR/kustomization.yaml" || { echo "no overlay $OVERLAY in $(dirname "$DIR")"; exit 1; }
k() { kubectl -n "$NS" "$@"; }

if k get deployment metrics-app >/dev/null 2>&1; then
  k delete hpa metrics-app --ignore-not-found --wait=true
  if kubectl get crd scaledobjects.keda.sh >/dev/null 2>&1; then k delete scaledobject metrics-app --ignore-not-found --wait=true; fi
  if kubectl get crd verticalpodautoscalers.autoscaling.k8s.io >/dev/null 2>&1; then k delete vpa metrics-app --ignore-not-found --wait=true; fi
fi

kubectl apply --server-side --force-conflicts -k "$DIR"

min="$(kubectl kustomize "$DIR" | awk '/^ *(minReplicas|minReplicaCount):/ { print $2; exit }')"
min="${min:-${REPLICAS:-1}}"
k scale deployment metrics-app --replicas="$min"
k rollout status deployment/metrics-app --timeout=5m

case "$OVERLAY" in
  vpa) k get vpa metrics-app ;;
  keda)
    k wait scaledobject/metrics-app --for=condition=Ready --timeout=3m
    k wait hpa/keda-hpa-metrics-app --for=condition=ScalingActive --timeout=3m
    k get scaledobject,hpa
    ;;
  *)
    k wait hpa/metrics-app --for=condition=ScalingActive --timeout=3m
    k get hpa metrics-app
    ;;
esac
echo "scenario $OVERLAY applied: $min replica(s)"
