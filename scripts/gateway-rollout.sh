#!/usr/bin/env bash
# Replaces the compose gateways one at a time without a gap: for each running gateway, starts a new
# one next to it (with the image and settings compose has now), waits until the new one answers
# /ready (every shard connected, NATS up, stream present), then stops the old one with its full grace
# period. "docker compose up" alone stops the old gateways first, and interactions sent in between
# are lost. Overlapping gateways are safe: JetStream drops the repeats (Nats-Msg-Id = interaction
# id) and the gateways' guards agree on one acknowledgement per interaction.
#
#   scripts/gateway-rollout.sh [compose options]      e.g. -p guildflow -f compose.yaml
# Environment: READY_TIMEOUT (seconds, default 180), STOP_TIMEOUT (seconds, default 30).
# Exit 0: every gateway was replaced. Non-zero: the gateways not yet replaced still serve, and so
# does every new one that became ready.
set -euo pipefail
cd "$(dirname "$0")/.."

ready_timeout=${READY_TIMEOUT:-180}
stop_timeout=${STOP_TIMEOUT:-30}
compose=(docker compose "$@")

log() { printf '[gateway-rollout] %s\n' "$*"; }
fail() { printf '[gateway-rollout] FAILED: %s\n' "$*" >&2; exit 1; }

mapfile -t olds < <("${compose[@]}" ps -q gateway)
[ ${#olds[@]} -gt 0 ] || fail "no gateway is running: start the stack with 'docker compose up -d' first"
count=${#olds[@]}
log "replacing $count gateway(s) one at a time"

# replace OLD: a new gateway next to OLD, ready, then OLD stopped
replace() {
  local old=$1 id new="" running
  log "old gateway: $(docker inspect -f '{{.Name}} {{.Config.Image}}' "$old")"
  mapfile -t running < <("${compose[@]}" ps -q gateway)
  "${compose[@]}" up -d --no-deps --no-recreate --scale gateway=$((count + 1)) gateway >/dev/null 2>&1 \
    || fail "could not start a new gateway: $("${compose[@]}" up -d --no-deps --no-recreate --scale gateway=$((count + 1)) gateway 2>&1 | tail -n 3)"
  for id in $("${compose[@]}" ps -q gateway); do
    [[ " ${running[*]} " == *" $id "* ]] || new=$id
  done
  [ -n "$new" ] || fail "compose started no new gateway"
  log "new gateway: $(docker inspect -f '{{.Name}} {{.Config.Image}}' "$new"), waiting up to ${ready_timeout}s for /ready"

  local deadline=$((SECONDS + ready_timeout)) state
  until docker exec "$new" healthcheck.sh /ready >/dev/null 2>&1; do
    state=$(docker inspect -f '{{.State.Status}}' "$new" 2>/dev/null || echo gone)
    if [ "$state" != running ] || [ $SECONDS -ge $deadline ]; then
      docker logs --tail 20 "$new" >&2 || true
      log "stopping the new gateway; the old one keeps serving"
      docker stop -t "$stop_timeout" "$new" >/dev/null || true
      docker rm "$new" >/dev/null || true
      [ "$state" != running ] && fail "the new gateway is $state before it was ready (its last log lines above)"
      fail "the new gateway was not ready within ${ready_timeout}s (its last log lines above)"
    fi
    sleep 1
  done
  log "new gateway is ready; stopping the old one (grace ${stop_timeout}s)"
  docker stop -t "$stop_timeout" "$old" >/dev/null
  docker rm "$old" >/dev/null
}

for old in "${olds[@]}"; do
  replace "$old"
done
log "done: $count new gateway(s) serve"
