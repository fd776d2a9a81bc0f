#!/usr/bin/env bash
# Going back to the previous release, and the database backup that makes it possible.
#
#   scripts/rollback.sh backup [--compose [options]]
#       Before a deploy whose migrations change the schema: pg_dump of the database into
#       backups/guildflow-<time>.dump (DATABASE_URL, or the compose postgres service). Prints the file.
#   scripts/rollback.sh compose PREVIOUS_IMAGE [--restore FILE] [-- compose options]
#       Puts PREVIOUS_IMAGE back under the image name compose runs (GUILDFLOW_IMAGE, default
#       guildflow:local), optionally restores the database from FILE with the workers stopped and
#       replays what the streams hold since FILE was taken (replay --since, as the setup service),
#       restarts the workers, replaces the gateway without a gap (gateway-rollout.sh) and verifies.
#   scripts/rollback.sh kubernetes NAMESPACE
#       kubectl rollout undo of the worker and gateway Deployments, waiting for each (restore the
#       database first, by hand, if the release's migrations were not backward compatible).
# Migrations are written to stay compatible with the previous release (docs/operations.md), so a
# rollback normally needs no restore; with --restore, what was written since the backup comes back
# from the streams (within STREAM_MAX_AGE), through the previous release's handlers.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf "[rollback] %s\n" "$*" >&2; }
die() { printf '[rollback] FAILED: %s\n' "$*" >&2; exit 1; }
usage() { sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }

backup() {
  mkdir -p backups
  local file
  file="backups/guildflow-$(date -u +%Y%m%dT%H%M%SZ).dump"
  if [ "${1:-}" = "--compose" ]; then
    shift
    docker compose "$@" exec -T postgres pg_dump -U guildflow -d guildflow -Fc >"$file" \
      || { rm -f "$file"; die "pg_dump in the postgres service"; }
  else
    [ -n "${DATABASE_URL:-}" ] || die "DATABASE_URL is not set"
    pg_dump -Fc -f "$file" "${DATABASE_URL#jdbc:}" || { rm -f "$file"; die "pg_dump"; }
  fi
  [ -s "$file" ] || die "the backup $file is empty"
  log "database backed up to $file ($(du -h "$file" | cut -f1))"
  echo "$file"
}

# taken_at FILE: when 'backup' took it, from its name (guildflow-20261207T030000Z.dump → 2026-12-07T03:00:00Z).
# The name's time is read just before pg_dump starts, so a replay from it misses nothing the dump did not hold.
taken_at() {
  local name
  name=$(basename "$1")
  [[ "$name" =~ ^guildflow-([0-9]{4})([0-9]{2})([0-9]{2})T([0-9]{2})([0-9]{2})([0-9]{2})Z\.dump$ ]] \
    || die "cannot tell when '$1' was taken: --restore replays from the time in a name like 'backup' gives (guildflow-<UTC time>.dump)"
  printf '%s-%s-%sT%s:%s:%sZ' "${BASH_REMATCH[@]:1:6}"
}

rollback_compose() {
  local previous=${1:-} restore="" since=""
  [ -n "$previous" ] || usage
  shift
  if [ "${1:-}" = "--restore" ]; then
    restore=${2:-}; [ -f "$restore" ] || die "no backup file '$restore'"
    since=$(taken_at "$restore")
    shift 2
  fi
  [ "${1:-}" = "--" ] && shift
  local compose=(docker compose "$@")
  local target=${GUILDFLOW_IMAGE:-}
  if [ -z "$target" ] && [ -f .env ]; then target=$(sed -n 's/^GUILDFLOW_IMAGE=//p' .env | tail -n 1); fi
  target=${target:-guildflow:local}
  docker image inspect "$previous" >/dev/null 2>&1 || die "image $previous does not exist here"
  log "putting $previous back as $target"
  docker tag "$previous" "$target"
  if [ -n "$restore" ]; then
    log "stopping the workers and restoring the database from $restore"
    "${compose[@]}" stop worker
    "${compose[@]}" exec -T postgres pg_restore -U guildflow -d guildflow --clean --if-exists --single-transaction \
      <"$restore" || die "pg_restore (the workers stay stopped: fix, then docker compose up -d worker)"
    log "replaying the effects since $since from the streams (the workers are still stopped)"
    "${compose[@]}" run --rm --no-deps --entrypoint entrypoint.sh setup replay --since "$since" \
      || die "replay (the workers stay stopped: fix, run it again as above, then docker compose up -d worker)"
  fi
  log "restarting the workers on the previous image"
  "${compose[@]}" up -d --no-deps --wait worker
  log "replacing the gateway"
  scripts/gateway-rollout.sh "$@"
  scripts/verify-deployment.sh --compose "$@"
  log "rolled back to $previous"
}

rollback_kubernetes() {
  local namespace=${1:-}
  [ -n "$namespace" ] || usage
  for deployment in guildflow-worker guildflow-gateway; do
    log "kubectl rollout undo deployment/$deployment in $namespace"
    kubectl -n "$namespace" rollout undo "deployment/$deployment"
    kubectl -n "$namespace" rollout status "deployment/$deployment" --timeout=300s \
      || die "deployment/$deployment did not become ready: kubectl -n $namespace describe deployment/$deployment"
  done
  log "rolled back in $namespace"
}

case "${1:-}" in
  backup) shift; backup "$@" ;;
  compose) shift; rollback_compose "$@" ;;
  kubernetes) shift; rollback_kubernetes "$@" ;;
  *) usage ;;
esac
