#!/usr/bin/env bash
# Measures the gateway's memory against the Discord emulator: heap used after a full GC and resident
# set size (RSS), once every shard is connected and /ready answers 200. The JVM runs with the image's
# flags under a 768 MiB memory ceiling (-XX:MaxRAM=768m). Uses a nats-server of its own (free port,
# temporary store) so nothing is left on a shared NATS.
#
#   scripts/gateway-memory.sh 1 1000 10000        (after ./mvnw -B -DskipTests package)
#
# With MESSAGES_PER_SECOND set, members' messages flow for MESSAGE_SECONDS (default 60) once /ready answers, through
# the emulator's control route (scripts/emulator-messages.py), and the gateway is measured again while they flow
# and after they stopped. The gateway must then have message handlers: the example bot's jar, e.g.
#   JAR=examples/target/guildflow-example-bot.jar MESSAGES_PER_SECOND=500 scripts/gateway-memory.sh 1000
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=${JAR:-app/target/guildflow.jar}                      # the gateway: the production jar
DEV_JAR=${DEV_JAR:-devtools/target/guildflow-dev.jar}     # the emulator lives in the development jar
NATS_SERVER=${NATS_SERVER:-/usr/sbin/nats-server}
JVM_FLAGS=${JVM_FLAGS:-"-XX:MaxRAM=768m -XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"}
MESSAGES_PER_SECOND=${MESSAGES_PER_SECOND:-0}
MESSAGE_SECONDS=${MESSAGE_SECONDS:-60}
for jar in "$JAR" "$DEV_JAR"; do
  [ -f "$jar" ] || { echo "build first: ./mvnw -B -DskipTests package ($jar is missing)" >&2; exit 2; }
done

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
work=$(mktemp -d)
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

nats_port=$(free_port)
"$NATS_SERVER" -a 127.0.0.1 -p "$nats_port" -js -sd "$work/nats" >"$work/nats.log" 2>&1 &
pids+=($!)

# Heap used after a full GC and RSS of the gateway, in KiB: "<heap> <rss>"
measure() {
  jcmd "$1" GC.run >/dev/null; sleep 2
  # G1 prints one heap line, Serial one per generation: add up the generations' "used"
  heap_kib=$(jcmd "$1" GC.heap_info | grep -E '^ *(garbage-first heap|def new generation|tenured generation)' \
    | grep -o 'used [0-9]*K' | grep -o '[0-9]*' | paste -sd+ | bc)
  echo "$heap_kib $(awk '/VmRSS/ {print $2}' "/proc/$1/status")"
}
row() {  # guilds shards phase "<heap> <rss>" ready
  read -r heap rss <<<"$4"
  printf '| %s | %s | %s | %d | %d | %.1f |\n' "$1" "$2" "$3" $((heap / 1024)) $((rss / 1024)) "$5"
}

printf '| guilds | shards | when | heap after full GC (MiB) | RSS (MiB) | time to /ready (s) |\n'
printf '|---:|---:|---|---:|---:|---:|\n'
for guilds in "$@"; do
  shards=$(( (guilds + 2499) / 2500 ))
  emu_port=$(free_port); health_port=$(free_port)
  java -Xmx2g -jar "$DEV_JAR" emulator --port "$emu_port" --guilds "$guilds" --shards "$shards" >"$work/emu.log" 2>&1 &
  emu=$!; pids+=($emu)
  for _ in $(seq 1 600); do grep -q "DISCORD_TOKEN=" "$work/emu.log" && break; sleep 0.2; done
  token=$(grep -o 'DISCORD_TOKEN=[^ ]*' "$work/emu.log" | head -1 | cut -d= -f2)
  # the privileged intents the emulator's application allows (the example bot's welcome needs GUILD_MEMBERS)
  intents=$(grep -o 'DISCORD_PRIVILEGED_INTENTS=[^ ]*' "$work/emu.log" | head -1 | cut -d= -f2 || true)
  start=$(date +%s.%N)
  BOT_MODE=gateway DISCORD_TOKEN="$token" ENVIRONMENT="memory-$guilds" NATS_URL="nats://127.0.0.1:$nats_port" \
    DISCORD_API_URL="http://127.0.0.1:$emu_port/api/v10" DISCORD_GATEWAY_URL="ws://127.0.0.1:$emu_port/gateway" \
    METRICS_ADDRESS="127.0.0.1:$health_port" LOG_LEVEL=warn DISCORD_PRIVILEGED_INTENTS="$intents" \
    java $JVM_FLAGS -jar "$JAR" run >"$work/gateway-$guilds.log" 2>&1 &
  gw=$!; pids+=($gw)
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$health_port/ready")" = 200 ]; do
    kill -0 "$gw" 2>/dev/null || { cat "$work/gateway-$guilds.log" >&2; exit 1; }
    sleep 0.2
  done
  ready=$(echo "$(date +%s.%N) - $start" | bc)
  sleep 5
  row "$guilds" "$shards" "idle after /ready" "$(measure "$gw")" "$ready"
  if [ "$MESSAGES_PER_SECOND" != 0 ]; then
    # measured while the messages still flow (5 s before their end), then once they stopped and the buffer drained
    python3 scripts/emulator-messages.py "$emu_port" "$MESSAGES_PER_SECOND" "$MESSAGE_SECONDS" "$guilds" &
    sender=$!
    sleep $((MESSAGE_SECONDS - 5))
    row "$guilds" "$shards" "$MESSAGES_PER_SECOND messages/s flowing" "$(measure "$gw")" "$ready"
    # what waits for JetStream at that moment is live heap the full GC cannot free
    curl -s "http://127.0.0.1:$health_port/metrics" | grep -E '^guildflow_gateway_events_buffer_bytes' >&2
    wait "$sender"; sleep 5
    row "$guilds" "$shards" "after the messages" "$(measure "$gw")" "$ready"
    peak=$(awk '/VmHWM/ {print $2}' "/proc/$gw/status")
    curl -s "http://127.0.0.1:$health_port/metrics" | grep -E '^guildflow_gateway_events_(received|published|dropped)' >&2
    echo "gateway peak RSS (VmHWM) $((peak / 1024)) MiB" >&2
  fi
  if [ -n "${DIAGNOSE:-}" ]; then   # with JVM_FLAGS containing -XX:NativeMemoryTracking=summary
    jcmd "$gw" VM.native_memory summary 2>/dev/null | grep -E "committed=" | head -20 >&2 || true
    jcmd "$gw" GC.class_histogram | head -25 >&2
  fi
  kill "$gw" "$emu"; wait "$gw" "$emu" 2>/dev/null || true
done
