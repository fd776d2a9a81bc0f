#!/usr/bin/env bash
# The deployment, run for real: builds the image from docker/Dockerfile, starts compose.yaml with
# the Discord emulator in Discord's place (docker/compose.smoke.yaml), sends /ping interactions and
# checks each is answered exactly once, runs the example's /signup and checks that the workers' outbox
# posted its message and edited it after a Join click, checks that NATS refuses anonymous clients and other
# environments' subjects (deploy/nats/nats-server.conf), rolls back to a previous image under /ping
# traffic with scripts/rollback.sh (workers stopped, the database restored, both gateways replaced
# one at a time by scripts/gateway-rollout.sh) and checks nothing was lost or answered twice, checks
# every process with scripts/verify-deployment.sh, then removes everything (docker compose down -v).
#
# Installs and starts the Docker engine when it is missing (Debian; needs root) and builds local
# stand-ins for base images no registry serves here (docker/stand-ins). Any failed step stops it
# with a message and a non-zero exit; nothing is skipped.
#
#   scripts/compose-smoke.sh          Environment: SMOKE_PINGS (default 20)
#   scripts/compose-smoke.sh --prepare  only what needs no host build: the Docker engine, compose, the
#                                     base images and the images themselves, built from the sources at
#                                     the lowest CPU priority (.ci/run starts it beside the test suite,
#                                     whose timing it must not disturb); a later full run reuses all of it
set -euo pipefail
cd "$(dirname "$0")/.."
prepare_only=""
case "${1:-}" in
  --prepare) prepare_only=1 ;;
  "") ;;
  *) printf 'usage: scripts/compose-smoke.sh [--prepare]\n' >&2; exit 2 ;;
esac

# The jars: the image runs BOT_JAR; the emulator service needs a jar with the "emulator" command.
BOT_JAR=${BOT_JAR:-examples/target/guildflow-example-bot.jar}
EMULATOR_JAR=${EMULATOR_JAR:-devtools/target/guildflow-dev.jar}

project=guildflow-smoke-$$
image=guildflow:smoke
emulator_image=$image
pings=${SMOKE_PINGS:-20}
started=$SECONDS

log() { printf '[compose-smoke %3ds] %s\n' "$((SECONDS - started))" "$*"; }
fail() { printf '[compose-smoke] FAILED: %s\n' "$*" >&2; exit 1; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
# free_ports N: the first of N consecutive free loopback ports, below the kernel's ephemeral range
# (Docker binds a published range port by port, and an outgoing connection may hold one up there).
free_ports() {
  python3 - "$1" <<'PY'
import random, socket, sys
count = int(sys.argv[1])
for _ in range(200):
    base = random.randrange(20000, 32000 - count)
    sockets = []
    try:
        for port in range(base, base + count):
            s = socket.socket()
            sockets.append(s)
            s.bind(("127.0.0.1", port))
        print(base)
        break
    except OSError:
        pass
    finally:
        for s in sockets:
            s.close()
else:
    sys.exit("no free loopback ports")
PY
}

ensure_engine() {
  if docker info >/dev/null 2>&1; then log "Docker engine is up"; return; fi
  if ! command -v dockerd >/dev/null 2>&1; then
    log "installing the Docker engine (Debian package docker.io)"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq docker.io >/dev/null \
      || fail "could not install docker.io"
  fi
  log "starting dockerd (log: /var/log/guildflow-dockerd.log)"
  as_root sh -c 'setsid dockerd >/var/log/guildflow-dockerd.log 2>&1 < /dev/null &'
  for _ in $(seq 1 60); do docker info >/dev/null 2>&1 && { log "Docker engine is up"; return; }; sleep 0.5; done
  tail -n 15 /var/log/guildflow-dockerd.log >&2 || true
  fail "the Docker engine did not start within 30 s on this machine (its log above): cannot run the smoke test"
}

ensure_compose() {
  scripts/install-compose.sh || fail "docker compose is needed and could not be installed"
}

ensure_tools() {
  local missing=()
  for tool in curl jq python3 debootstrap; do command -v "$tool" >/dev/null 2>&1 || missing+=("$tool"); done
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]}"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >/dev/null \
      || fail "could not install ${missing[*]}"
  fi
}

# --env-file /dev/null: a .env of the user's (a real token, other ports) never reaches the test stack.
compose_options=(-p "$project" --env-file /dev/null -f compose.yaml -f docker/compose.smoke.yaml)
compose() { docker compose "${compose_options[@]}" "$@"; }

cleanup() {
  local code=$?
  if [ $code -ne 0 ] && [ -n "${stack_up:-}" ]; then
    echo "---- container states and last log lines (for the failure above) ----" >&2
    compose ps -a >&2 || true
    compose logs --no-color --tail 25 >&2 || true
  fi
  if [ -n "${stack_up:-}" ]; then
    log "docker compose down -v"
    compose down -v --remove-orphans >/dev/null 2>&1 || echo "[compose-smoke] could not remove project $project" >&2
  fi
  if [ -n "${rollback_pid:-}" ]; then kill "$rollback_pid" 2>/dev/null || true; fi
  rm -rf "${work:-/nonexistent}" "${backup:-/nonexistent}"
  docker rmi guildflow:smoke-previous >/dev/null 2>&1 || true
  exit $code
}
trap cleanup EXIT

# ping_many N FILE [PAUSE]: sends N /ping interactions through the emulator; FILE gets one line per
# interaction: its id, how many gateway sessions the emulator dispatched it to, its guild
ping_many() {
  local count=$1 file=$2 pause=${3:-0}
  for _ in $(seq 1 "$count"); do
    curl -sf -m 10 -X POST "http://127.0.0.1:$EMULATOR_PORT/_emulator/slash?name=ping" | jq -r '"\(.id) \(.sessions_reached) \(.guild_id)"' >>"$file" \
      || echo "send-failed" >>"$file"
    [ "$pause" = 0 ] || sleep "$pause"
  done
}

# nats_says CONNECT-JSON [PROTOCOL-LINE...]: what NATS answers a client inside the compose network
# (a bash /dev/tcp client in a worker container): each line up to PONG, or until NATS hangs up.
nats_says() {
  compose exec -T worker bash -c '
    exec 3<>/dev/tcp/nats/4222 || exit 1
    IFS= read -r -t 5 info <&3 || exit 1
    printf "%s\r\n" "CONNECT $1" "${@:2}" PING >&3
    while IFS= read -r -t 5 line <&3 2>/dev/null; do
      line=${line%$'"'"'\r'"'"'}
      printf "%s\n" "$line"
      [ "$line" = PONG ] && break
    done
    exit 0' nats-says "$@"
}

# expect_refusal WHAT EXPECTED-ERROR CONNECT-JSON [PROTOCOL-LINE...]
expect_refusal() {
  local what=$1 expected=$2 answer
  shift 2
  answer=$(nats_says "$@") || fail "NATS probe ($what): cannot reach nats:4222 from a worker container"
  grep -qF -- "-ERR '$expected" <<<"$answer" || fail "NATS did not refuse $what; it answered: $(tr '\n' ' ' <<<"$answer")"
  log "NATS refuses $what: ${expected}"
}

check_nats_security() {
  local worker="{\"verbose\":false,\"pedantic\":false,\"user\":\"$ENVIRONMENT-worker\",\"pass\":\"$NATS_WORKER_PASSWORD\"}"
  local anonymous='{"verbose":false,"pedantic":false}' answer
  # The probe itself works: the worker's own user may listen to its configuration notices.
  answer=$(nats_says "$worker" "SUB gf.$ENVIRONMENT.config.> 1") || fail "NATS probe: cannot reach nats:4222"
  { grep -qx PONG <<<"$answer" && ! grep -q -- -ERR <<<"$answer"; } \
    || fail "NATS refused the worker's own credentials and subject: $(tr '\n' ' ' <<<"$answer")"
  expect_refusal "a client without credentials" "Authorization Violation" "$anonymous"
  expect_refusal "a wrong password" "Authorization Violation" \
    "{\"verbose\":false,\"pedantic\":false,\"user\":\"$ENVIRONMENT-worker\",\"pass\":\"wrong\"}"
  expect_refusal "another environment's user (production-worker) with this one's password" "Authorization Violation" \
    "{\"verbose\":false,\"pedantic\":false,\"user\":\"production-worker\",\"pass\":\"$NATS_WORKER_PASSWORD\"}"
  expect_refusal "the worker subscribing to production's subjects" \
    'Permissions Violation for Subscription to "gf.production.>"' "$worker" "SUB gf.production.> 1"
  expect_refusal "the worker publishing an interaction" \
    "Permissions Violation for Publish to \"gf.$ENVIRONMENT.guild.1.command\"" "$worker" "PUB gf.$ENVIRONMENT.guild.1.command 0" ""
}

# every id in FILE answered exactly once (waits up to 30 s for the last ones)
check_answered() {
  local file=$1 what=$2 deadline=$((SECONDS + 30)) total bad
  grep -q send-failed "$file" && fail "$what: the emulator refused to send some interactions"
  total=$(wc -l <"$file")
  [ "$total" -gt 0 ] || fail "$what: no interaction was sent"
  while :; do
    bad=()
    while read -r id sessions _; do
      record=$(curl -sf -m 5 "http://127.0.0.1:$EMULATOR_PORT/_emulator/interactions/$id") || record='{}'
      jq -e '.acknowledged == true and .accepted_acknowledgements == 1 and (.content | length) > 0' \
        <<<"$record" >/dev/null || bad+=("$id (sent to $sessions gateway sessions) $(jq -c 'del(.id, .name)' <<<"$record")")
    done <"$file"
    [ ${#bad[@]} -eq 0 ] && { log "$what: all $total interactions answered exactly once"; return; }
    if [ $SECONDS -ge $deadline ]; then
      printf '  not answered once: %s\n' "${bad[@]:0:10}" >&2
      fail "$what: ${#bad[@]} of $total interactions not answered exactly once"
    fi
    sleep 2
  done
}

# /signup create, then Join on the message it posted: both the post and the edit are the workers'
# outbox calling Discord as the bot (DISCORD_TOKEN), which interaction answers alone never exercise.
check_signup() {
  local emulator="http://127.0.0.1:$EMULATOR_PORT" auth=(-H "Authorization: Bot emulated-bot-token")
  local title="Smoke $$" sent channel messages post="" edited="" click
  sent=$(curl -sf -m 10 -X POST "$emulator/_emulator/slash?name=signup%20create" \
    -d "{\"title\":\"$title\",\"slots\":2,\"closes_in\":30}") || fail "/signup: the emulator refused to send it"
  jq -r '"\(.id) \(.sessions_reached) \(.guild_id)"' <<<"$sent" >"$work/signup"
  check_answered "$work/signup" "/signup create"
  channel=$(jq -r .channel_id <<<"$sent")
  # the outbox sends after the handler's commit, so the post may follow the answer by a moment
  for _ in $(seq 1 30); do
    messages=$(curl -sf -m 5 "${auth[@]}" "$emulator/api/v10/channels/$channel/messages") || messages='[]'
    post=$(jq -c --arg t "**$title**" '[.[] | select(.content | startswith($t))][0] // empty' <<<"$messages")
    [ -n "$post" ] && break
    sleep 1
  done
  [ -n "$post" ] || fail "/signup: no message titled '$title' in channel $channel: the outbox did not post it (DISCORD_TOKEN of the workers?)"
  log "/signup: the outbox posted $(jq -c .content <<<"$post")"
  click=$(jq -r '[.components[]?.components[]? | select(.label == "Join") | .custom_id][0] // empty' <<<"$post")
  [ -n "$click" ] || fail "/signup: the posted message has no Join button: $post"
  sent=$(curl -sf -m 10 -X POST "$emulator/_emulator/click?message=$(jq -r .id <<<"$post")&custom_id=$click") \
    || fail "/signup: the emulator refused the Join click"
  jq -r '"\(.id) \(.sessions_reached) \(.guild_id)"' <<<"$sent" >"$work/join"
  check_answered "$work/join" "Join click"
  for _ in $(seq 1 30); do
    edited=$(curl -sf -m 5 "${auth[@]}" "$emulator/api/v10/channels/$channel/messages/$(jq -r .id <<<"$post")" \
      | jq -c 'select(.edited_timestamp != null and (.content | contains("1/2 joined")))' 2>/dev/null) || edited=""
    [ -n "$edited" ] && break
    sleep 1
  done
  [ -n "$edited" ] || fail "/signup: the outbox did not edit the post to '1/2 joined' after the Join click"
  log "/signup: the outbox edited it to $(jq -c .content <<<"$edited")"
}

ensure_tools
ensure_engine
ensure_compose
log "base images (pulled, or local stand-ins where no registry answers)"
GUILDFLOW_BUILD_BACKGROUND=$prepare_only docker/stand-ins/build.sh
# The image compiles the sources inside Docker (the context holds no target/), so it needs nothing a host build
# makes: --prepare builds it beside the test suite, and the run after finds every layer cached.
build_images() {
  local share=()
  # beside the test suite: the smallest CPU share, so the build takes only what the tests leave idle
  [ -n "$prepare_only" ] && share=(--cpu-shares 2)
  docker build -q "${share[@]}" --network host -f docker/Dockerfile --build-arg "BOT_JAR=$BOT_JAR" -t "$image" . >/dev/null \
    || fail "docker build (run it by hand for the full output: docker build --network host -f docker/Dockerfile .)"
  if [ "$EMULATOR_JAR" != "$BOT_JAR" ]; then
    emulator_image=guildflow-dev:smoke
    docker build -q "${share[@]}" --network host -f docker/Dockerfile --build-arg "BOT_JAR=$EMULATOR_JAR" -t "$emulator_image" . \
      >/dev/null || fail "docker build of the emulator image (BOT_JAR=$EMULATOR_JAR)"
  fi
}

if [ -n "$prepare_only" ]; then
  log "the images (docker build of $image, from the sources)"
  build_images
  log "prepared in ${SECONDS}s"
  exit 0
fi

log "building $image from docker/Dockerfile (BOT_JAR=$BOT_JAR)"
build_started=$SECONDS
build_images
log "image built in $((SECONDS - build_started))s"
# The image's contract: runs as non-root, has a HEALTHCHECK, passes JAVA_OPTS to the JVM.
[ "$(docker image inspect -f '{{.Config.User}}' "$image")" = "10001:10001" ] || fail "$image does not run as 10001"
docker image inspect -f '{{.Config.Healthcheck.Test}}' "$image" | grep -q healthcheck.sh || fail "$image has no HEALTHCHECK"
flags=$(docker run --rm -e JAVA_OPTS="-XX:ActiveProcessorCount=3 -XX:+PrintFlagsFinal -version" "$image" 2>&1) || true
grep -Eq 'ActiveProcessorCount += 3 ' <<<"$flags" || fail "JAVA_OPTS does not reach the JVM in $image"
docker run --rm "$image" --help >/dev/null 2>&1 || fail "docker run $image --help failed"

work=$(mktemp -d)
# ENVIRONMENT must be an account of deploy/nats/nats-server.conf; its users get fresh passwords.
export GUILDFLOW_IMAGE=$image EMULATOR_IMAGE=$emulator_image ENVIRONMENT=staging
password() { python3 -c 'import secrets; print("p" + secrets.token_hex(16))'; }
POSTGRES_PASSWORD=$(password)
NATS_GATEWAY_PASSWORD=$(password) NATS_WORKER_PASSWORD=$(password) NATS_SETUP_PASSWORD=$(password)
export NATS_GATEWAY_PASSWORD NATS_WORKER_PASSWORD NATS_SETUP_PASSWORD
base=$(free_ports 13)
EMULATOR_PORT=$base
NATS_MONITOR_PORT=$((base + 1))
GATEWAY_PORTS="$((base + 2))-$((base + 4))"
WORKER_PORTS="$((base + 5))-$((base + 12))"
export POSTGRES_PASSWORD EMULATOR_PORT NATS_MONITOR_PORT GATEWAY_PORTS WORKER_PORTS
unset DISCORD_TOKEN DATABASE_URL NATS_URL NATS_GATEWAY_URL NATS_WORKER_URL NATS_SETUP_URL
compose config -q || fail "docker compose config"
# The profiles this run does not start (their images cannot be pulled here) must still be valid.
compose --profile setup --profile observability --profile nats-cluster config -q \
  || fail "docker compose --profile observability --profile nats-cluster config"

log "docker compose up --wait (project $project: postgres, nats, emulator, gateway, 3 workers)"
up_started=$SECONDS
stack_up=1
compose up -d --wait --wait-timeout 240 >"$work/up.log" 2>&1 \
  || { cat "$work/up.log" >&2; fail "docker compose up --wait"; }
log "stack healthy in $((SECONDS - up_started))s"
[ "$(compose ps -q gateway | wc -l)" = 2 ] || fail "compose did not start two gateways"

scripts/verify-deployment.sh --compose -p "$project" || fail "verify-deployment after start"

log "NATS security: every role on its own user, everything else refused"
check_nats_security

log "sending $pings /ping interactions"
ping_many "$pings" "$work/pings"
check_answered "$work/pings" "/ping"
awk '$2 != 2 {bad++} END {exit bad > 0}' "$work/pings" \
  || fail "not every /ping reached both gateways' sessions: $(awk '{print $2}' "$work/pings" | sort | uniq -c | tr '\n' ' ')"

log "/signup through the workers' outbox"
check_signup

guild=$(awk 'NR == 1 {print $3}' "$work/pings")
log "setup: docker compose run --rm setup $guild"
out=$(compose run --rm setup "$guild" 2>&1) || { echo "$out" >&2; fail "docker compose run setup"; }
grep -q "guild $guild is set up" <<<"$out" || fail "setup said: $out"

log "pre-deploy check against the running stack"
DISCORD_TOKEN=emulated-bot-token DISCORD_API_URL="http://127.0.0.1:$EMULATOR_PORT/api/v10" DISCORD_GUILD_ID=$guild \
  BOT_JAR=$BOT_JAR scripts/pre-deploy-check.sh --compose "${compose_options[@]}" | tee "$work/check" \
  || fail "pre-deploy-check"
for expected in "no pending migrations" "consumer $ENVIRONMENT-workers" "no dead letters" "match the jar"; do
  grep -q "^ok .*$expected" "$work/check" || fail "pre-deploy-check did not report '$expected'"
done

log "database backup before the next release"
backup=$(scripts/rollback.sh backup --compose "${compose_options[@]}") || fail "rollback.sh backup"

log "rollback to a previous image under /ping traffic (~10/s): workers stopped, backup restored, replay since the backup, gateways replaced one at a time"
# Same content, another image id: what "the previous release" looks like to compose.
echo "FROM $image" | docker build -q --label guildflow.smoke=previous -t guildflow:smoke-previous - >/dev/null
scripts/rollback.sh compose guildflow:smoke-previous --restore "$backup" -- "${compose_options[@]}" \
  >"$work/rollback.log" 2>&1 &
rollback_pid=$!
while kill -0 "$rollback_pid" 2>/dev/null; do
  ping_many 10 "$work/rollout" 0.1
done
wait "$rollback_pid" || { rollback_pid=""; cat "$work/rollback.log" >&2; fail "rollback.sh compose"; }
rollback_pid=""
cat "$work/rollback.log"
check_answered "$work/rollout" "during the rollback"
# The restore put the database back to the backup; the replay brought back what the workers handled after it.
total=$(cat "$work/pings" "$work/rollout" | wc -l)
ids=$(cat "$work/pings" "$work/rollout" | awk '{printf "%s\047%s\047", (NR > 1 ? "," : ""), $1}')
recorded=$(compose exec -T postgres psql -U guildflow -d guildflow -tAc \
  "SELECT count(*) FROM handled_interactions WHERE interaction_id IN ($ids)") || fail "cannot read the ledger"
[ "$recorded" = "$total" ] || fail "after the restore and the replay $recorded of $total interactions are in the ledger"
log "ledger after the restore and the replay: all $total interactions recorded"
[ "$(compose ps -q gateway | wc -l)" = 2 ] || fail "after the rollback there are not exactly two gateways"
previous_id=$(docker image inspect -f '{{.Id}}' guildflow:smoke-previous)
for container in $(compose ps -q gateway worker); do
  [ "$(docker inspect -f '{{.Image}}' "$container")" = "$previous_id" ] \
    || fail "$(docker inspect -f '{{.Name}}' "$container") does not run the previous image after the rollback"
done
ping_many "$pings" "$work/after-rollback"
check_answered "$work/after-rollback" "after the rollback"

log "passed in $((SECONDS - started))s"
