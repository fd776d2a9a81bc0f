#!/usr/bin/env bash
# Checks /health, /ready and /metrics of every Guildflow process it is given and exits non-zero
# naming each one that is not serving, and why.
#
#   scripts/verify-deployment.sh NAME=URL...              e.g. gateway=http://127.0.0.1:8080 worker-1=http://10.0.0.7:8080
#   scripts/verify-deployment.sh --compose [options]      every gateway and worker container of the compose
#                                                         project (options as for docker compose, e.g. -p NAME -f FILE)
# On Kubernetes: kubectl port-forward a pod (kubectl -n NS port-forward pod/NAME 18080:8080) and pass
# its URL, or rely on the readiness probes (kubectl -n NS rollout status deployment/guildflow-worker).
# Environment: VERIFY_TIMEOUT, seconds per request (default 5).
set -uo pipefail

timeout=${VERIFY_TIMEOUT:-5}
usage() { sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
[ $# -gt 0 ] || usage

targets=()   # "name url-or-empty problem-or-empty"
if [ "$1" = "--compose" ]; then
  shift
  command -v jq >/dev/null || { echo "verify-deployment: --compose needs jq" >&2; exit 2; }
  json=$(docker compose "$@" ps -a --format json gateway worker) \
    || { echo "verify-deployment: docker compose $* ps failed" >&2; exit 2; }
  # compose prints one JSON object per line (older releases: one array)
  while IFS=$'\t' read -r name state port; do
    if [ "$state" != running ]; then
      targets+=("$name||container is $state")
    elif [ -z "$port" ] || [ "$port" = null ]; then
      targets+=("$name||publishes no port for 8080")
    else
      targets+=("$name|http://127.0.0.1:$port|")
    fi
  done < <(jq -r 'if type == "array" then .[] else . end
      | [.Name, .State, ([.Publishers[]? | select(.TargetPort == 8080 and .PublishedPort > 0) | .PublishedPort][0] // "")]
      | @tsv' <<<"$json")
  [ ${#targets[@]} -gt 0 ] || { echo "verify-deployment: no gateway or worker container in this compose project" >&2; exit 1; }
else
  for arg in "$@"; do
    case "$arg" in
      *=http://* | *=https://*) targets+=("${arg%%=*}|${arg#*=}|") ;;
      *) echo "verify-deployment: '$arg' is not NAME=URL" >&2; usage ;;
    esac
  done
fi

# fetch URL -> sets status and body
fetch() {
  local out
  out=$(curl -s -m "$timeout" -w '\n%{http_code}' "$1" 2>/dev/null)
  status=${out##*$'\n'}
  body=${out%$'\n'*}
  [ "$status" != 000 ] || body="no answer within ${timeout}s (connection refused or timed out)"
}

failed=()
for target in "${targets[@]}"; do
  IFS='|' read -r name url problem <<<"$target"
  if [ -z "$problem" ]; then
    url=${url%/}
    fetch "$url/health"
    if [ "$status" != 200 ] || ! grep -q '"healthy"' <<<"$body"; then
      problem="/health: ${status/#000/unreachable,} ${body:0:200}"
    else
      fetch "$url/ready"
      if [ "$status" != 200 ]; then
        problem="/ready: $status ${body:0:300}"
      else
        fetch "$url/metrics"
        if [ "$status" != 200 ] || ! grep -q '^# TYPE ' <<<"$body"; then
          problem="/metrics: $status, no Prometheus text"
        fi
      fi
    fi
  fi
  if [ -n "$problem" ]; then
    printf 'FAIL %s%s: %s\n' "$name" "${url:+ ($url)}" "$problem"
    failed+=("$name")
  else
    printf 'ok   %s (%s): healthy, ready, metrics\n' "$name" "$url"
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  printf 'verify-deployment: %d of %d processes not serving: %s\n' "${#failed[@]}" "${#targets[@]}" "${failed[*]}" >&2
  exit 1
fi
printf 'verify-deployment: all %d processes healthy and ready\n' "${#targets[@]}"
