#!/usr/bin/env bash
# Replaces the compose gateway without a gap: starts a second gateway next to the running one
# (with the image and settings compose has now), waits until it answers /ready (every shard
# connected, NATS up, stream present), then stops the old one with its full grace period.
# "docker compose up" alone stops the old gateway first, and interactions sent in between are lost.
# Two overlapping gateways are safe: JetStream drops the repeats (Nats-Msg-Id = interaction id) and
# the acknowledgement guard answers each interaction once.
#
#   scripts/gateway-rollout.sh [compose options]      e.g. -p guildflow -f compose.yaml
# Environment: READY_TIMEOUT (seconds, default 180), STOP_TIMEOUT (seconds, default 30).
# Exit 0: the new gateway serves and the old one is gone. Non-zero: the old gateway still serves.
set -euo pipefail
cd "$(dirname "$0")/.."

ready_timeout=${READY_TIMEOUT:-180}
stop_timeout=${STOP_TIMEOUT:-30}
compose=(docker compose "$@")

log() { printf '[gateway-rollout] %s\n' "$*"; }
fail() { printf '[gateway-rollout] FAILED: %s\n' "$*" >&2; exit 1; }

mapfile -t before < <("${compose[@]}" ps -q gateway)
case ${#before[@]} in
  1) old=${before[0]} ;;
  0) fail "no gateway is running: start the stack with 'docker compose up -d' first" ;;
  *) fail "${#before[@]} gateways are running (an interrupted rollout?): stop all but one with 'docker stop <id>'" ;;
esac
log "old gateway: $(docker inspect -f '{{.Name}} {{.Config.Image}}' "$old")"

"${compose[@]}" up -d --no-deps --no-recreate --scale gateway=2 gateway >/dev/null 2>&1 \
  || fail "could not start a second gateway: $("${compose[@]}" up -d --no-deps --no-recreate --scale gateway=2 gateway 2>&1 | tail -n 3)"
new=""
for id in $("${compose[@]}" ps -q gateway); do
  [ "$id" != "$old" ] && new=$id
done
[ -n "$new" ] || fail "compose started no second gateway"
log "new gateway: $(docker inspect -f '{{.Name}} {{.Config.Image}}' "$new"), waiting up to ${ready_timeout}s for /ready"

abandon() {
  log "stopping the new gateway; the old one keeps serving"
  docker stop -t "$stop_timeout" "$new" >/dev/null || true
  docker rm "$new" >/dev/null || true
  fail "$1"
}

deadline=$((SECONDS + ready_timeout))
until docker exec "$new" healthcheck.sh /ready >/dev/null 2>&1; do
  state=$(docker inspect -f '{{.State.Status}}' "$new" 2>/dev/null || echo gone)
  if [ "$state" != running ]; then
    docker logs --tail 20 "$new" >&2 || true
    abandon "the new gateway is $state before it was ready (its last log lines above)"
  fi
  if [ $SECONDS -ge $deadline ]; then
    docker logs --tail 20 "$new" >&2 || true
    abandon "the new gateway was not ready within ${ready_timeout}s (its last log lines above)"
  fi
  sleep 1
done
log "new gateway is ready; stopping the old one (grace ${stop_timeout}s)"
docker stop -t "$stop_timeout" "$old" >/dev/null
docker rm "$old" >/dev/null
log "done: $(docker inspect -f '{{.Name}}' "$new") serves alone"
