#!/usr/bin/env bash
# Runs `guildflow setup <guild-id>` for any guild without editing YAML.
#
#   scripts/setup-guild.sh k8s <guild-id> [--namespace NS] [--image IMAGE] [--config-map NAME]
#                                         [--print] [-- SETUP-OPTIONS]
#   scripts/setup-guild.sh compose <guild-id> [-- SETUP-OPTIONS]
#
# SETUP-OPTIONS go to `guildflow setup`: --dry-run, --channel NAME, --role NAME.
# k8s: renders k8s/jobs/setup-guild with a unique Job name (guildflow-setup-<guild>-<time>), the
# guild, and by default the image and config map of the running guildflow-worker Deployment (so
# setup registers the commands of the version that is deployed), creates the Job, waits for it
# and prints its log. --print only prints the Job (needs --image and --config-map without a cluster).
# Exit codes: those of `guildflow setup` (0 done, 2 bad input, 3 dependency, 4 bot not in guild);
# 2 also for a bad use of this script, 1 when the Job failed for another reason.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

usage() {
  sed -n '3,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

fail() {
  echo "setup-guild: $*" >&2
  exit 2
}

[[ $# -ge 2 ]] || usage
target="$1"
guild="$2"
shift 2
[[ "$guild" =~ ^[0-9]{1,20}$ ]] || fail "<guild-id>=$guild is not valid: expected a Discord guild id (digits only)"

namespace="" image="" config_map="" print=false
setup_options=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --namespace) namespace="${2:?--namespace needs a value}"; shift 2 ;;
    --image) image="${2:?--image needs a value}"; shift 2 ;;
    --config-map) config_map="${2:?--config-map needs a value}"; shift 2 ;;
    --print) print=true; shift ;;
    --) shift; setup_options=("$@"); break ;;
    *) fail "unknown option $1 (options for guildflow setup go after --)" ;;
  esac
done

if [[ "$target" == compose ]]; then
  [[ -z "$namespace$image$config_map" ]] && ! $print || fail "--namespace, --image, --config-map and --print are for k8s"
  cd "$repo"
  # compose.yaml's setup service (profile "setup"): the workers' database and ENVIRONMENT, the bot
  # token, and NATS as the <ENVIRONMENT>-setup user.
  exec docker compose -f compose.yaml --profile setup run --rm setup "$guild" \
    "${setup_options[@]}"
fi
[[ "$target" == k8s ]] || usage

kubectl_ns=(kubectl)
[[ -n "$namespace" ]] && kubectl_ns+=(--namespace "$namespace")

# The workers' image and config map, unless given: setup then matches what is deployed.
from_worker() {
  "${kubectl_ns[@]}" get deployment guildflow-worker -o "jsonpath=$1" 2>/dev/null || true
}
[[ -n "$image" ]] || image="$(from_worker '{.spec.template.spec.containers[0].image}')"
[[ -n "$config_map" ]] || config_map="$(from_worker '{.spec.template.spec.containers[0].envFrom[0].configMapRef.name}')"
[[ -n "$image" ]] || fail "no guildflow-worker Deployment found${namespace:+ in namespace $namespace}: give --image"
[[ -n "$config_map" ]] || fail "no guildflow-worker Deployment found${namespace:+ in namespace $namespace}: give --config-map"

# Unique per run: the time and a random part, so the same guild can be set up again at once.
name="guildflow-setup-${guild}-$(date -u +%s)-$(printf '%04x' $((RANDOM % 65536)))"
args_json=""
for arg in setup "$guild" "${setup_options[@]}"; do
  arg="${arg//\\/\\\\}"
  args_json+="\"${arg//\"/\\\"}\","
done
args_json="[${args_json%,}]"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$repo/k8s/jobs/setup-guild/job.yaml" "$work/job.yaml"
{
  echo "apiVersion: kustomize.config.k8s.io/v1beta1"
  echo "kind: Kustomization"
  echo "resources: [job.yaml]"
  [[ -n "$namespace" ]] && echo "namespace: $namespace"
  echo "patches:"
  echo "  - target: {kind: Job, name: guildflow-setup}"
  echo "    patch: |-"
  echo "      - {op: replace, path: /metadata/name, value: \"$name\"}"
  echo "      - {op: add, path: /metadata/labels/guildflow.io~1guild, value: \"$guild\"}"
  echo "      - {op: replace, path: /spec/template/spec/containers/0/image, value: \"$image\"}"
  echo "      - {op: replace, path: /spec/template/spec/containers/0/args, value: $args_json}"
  echo "      - {op: replace, path: /spec/template/spec/containers/0/envFrom/0/configMapRef/name, value: \"$config_map\"}"
} > "$work/kustomization.yaml"
rendered="$(kubectl kustomize "$work")"

if $print; then
  echo "$rendered"
  exit 0
fi

echo "$rendered" | "${kubectl_ns[@]}" create -f - >&2
echo "setup-guild: job $name created; waiting for it (kubectl logs -f job/$name)" >&2
while true; do
  conditions="$("${kubectl_ns[@]}" get job "$name" -o 'jsonpath={range .status.conditions[*]}{.type}={.status} {end}')"
  [[ "$conditions" == *"Complete=True"* || "$conditions" == *"Failed=True"* ]] && break
  sleep 2
done
"${kubectl_ns[@]}" logs "job/$name" || true
[[ "$conditions" == *"Complete=True"* ]] && exit 0
code="$("${kubectl_ns[@]}" get pods -l "job-name=$name" \
  -o 'jsonpath={.items[-1:].status.containerStatuses[0].state.terminated.exitCode}' 2>/dev/null || true)"
exit "${code:-1}"
