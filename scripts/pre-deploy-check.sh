#!/usr/bin/env bash
# Before a deploy: is the target ready for the new release? Checks the configuration, that NATS
# (JetStream) and PostgreSQL answer, lists the migrations the new jar would apply, shows the stream
# and the consumer (events waiting, being handled, redelivered), counts dead letters, and compares
# the jar's slash commands with what Discord has registered. Exit 1 when something would break the
# deploy (listed as FAIL); WARN lines need a look but do not block.
#
#   scripts/pre-deploy-check.sh                      settings from the environment
#   scripts/pre-deploy-check.sh --compose [options]  settings from compose's .env; PostgreSQL through
#                                                    "docker compose exec postgres" (options: -p NAME, -f FILE, ...)
# Settings: DISCORD_TOKEN, DATABASE_URL (not with --compose), ENVIRONMENT (required: the environment you
# deploy; compose: .env's, else production as in compose.yaml), NATS_MONITOR_URL (default http://127.0.0.1:8222: NATS's monitoring port),
# DISCORD_API_URL (default https://discord.com/api/v10), DISCORD_GUILD_ID (commands of that guild,
# else the global ones), BOT_JAR (the jar to deploy, default examples/target/guildflow-example-bot.jar).
# Needs curl, jq, python3 and psql (not with --compose); the command comparison needs a JDK.
set -uo pipefail
cd "$(dirname "$0")/.."

failures=0
ok() { printf 'ok   %s\n' "$*"; }
warn() { printf 'WARN %s\n' "$*"; }
fail() { printf 'FAIL %s\n' "$*"; failures=$((failures + 1)); }

compose=()
if [ "${1:-}" = "--compose" ]; then
  shift
  compose=(docker compose "$@")
  if [ -f .env ]; then
    set -a; source ./.env; set +a   # as compose reads it
  fi
  : "${ENVIRONMENT:=production}"
  NATS_MONITOR_URL=${NATS_MONITOR_URL:-http://127.0.0.1:${NATS_MONITOR_PORT:-8222}}
fi
# No silent default: the runtime's "development" would check another environment's stream and consumer
# and could report "ready" for a target that was never looked at.
environment_set=${ENVIRONMENT:+yes}
environment=$(tr '[:upper:]' '[:lower:]' <<<"${ENVIRONMENT:-development}")
monitor=${NATS_MONITOR_URL:-http://127.0.0.1:8222}
api=${DISCORD_API_URL:-https://discord.com/api/v10}
jar=${BOT_JAR:-examples/target/guildflow-example-bot.jar}
stream="GUILDFLOW_$(tr '[:lower:]-' '[:upper:]_' <<<"$environment")"
consumer="$environment-workers"

echo "pre-deploy check of environment '$environment'"

# 1. configuration
if [ -z "$environment_set" ]; then
  fail "ENVIRONMENT is not set: set it to the environment you deploy (the runtime would default to development, checked below)"
elif [[ ! "$environment" =~ ^[a-z0-9][a-z0-9_-]{0,31}$ ]]; then
  fail "ENVIRONMENT=$environment: 1-32 letters, digits, '-' or '_'"
else
  ok "ENVIRONMENT=$environment (stream $stream, consumer $consumer)"
fi
[ -n "${DISCORD_TOKEN:-}" ] && ok "DISCORD_TOKEN is set" || fail "DISCORD_TOKEN is not set (the gateway, the workers' outbox and setup need it)"
if [ ${#compose[@]} -gt 0 ]; then
  if out=$("${compose[@]}" config -q 2>&1); then ok "compose configuration is valid"; else fail "compose configuration: $out"; fi
  [ -n "${POSTGRES_PASSWORD:-}" ] && ok "POSTGRES_PASSWORD is set" || fail "POSTGRES_PASSWORD is not set in .env"
elif [[ "${DATABASE_URL:-}" =~ ^(postgres|postgresql|jdbc:postgresql):// ]]; then
  ok "DATABASE_URL is set"
else
  fail "DATABASE_URL is not set or not postgres://user:pass@host:5432/db (workers need it)"
fi
[ -f "$jar" ] && ok "jar to deploy: $jar" || warn "no jar at $jar (BOT_JAR): migrations and commands not compared"

# 2. NATS and JetStream
if curl -sf -m 5 "$monitor/healthz?js-enabled-only=true" >/dev/null; then
  ok "NATS with JetStream answers at $monitor"
  jsz=$(curl -sf -m 5 "$monitor/jsz?accounts=true&streams=true&consumers=true&config=true" || echo '{}')
  stream_json=$(jq -c --arg s "$stream" '[.account_details[]?.stream_detail[]? | select(.name == $s)][0] // empty' <<<"$jsz")
  if [ -z "$stream_json" ]; then
    warn "stream $stream does not exist yet (created by the first gateway or worker)"
  else
    ok "stream $stream: $(jq -r '"\(.state.messages) events stored, replicas \(.config.num_replicas // 1)"' <<<"$stream_json")"
    consumer_json=$(jq -c --arg c "$consumer" '[.consumer_detail[]? | select(.name == $c)][0] // empty' <<<"$stream_json")
    if [ -z "$consumer_json" ]; then
      warn "consumer $consumer does not exist yet (created by the first worker)"
    else
      pending=$(jq -r '.num_pending' <<<"$consumer_json")
      line=$(jq -r '"\(.num_pending) waiting, \(.num_ack_pending) being handled, \(.num_redelivered) redelivered"' <<<"$consumer_json")
      if [ "$pending" -gt 1000 ]; then warn "consumer $consumer: $line (workers are behind)"; else ok "consumer $consumer: $line"; fi
    fi
  fi
  dlq=$(jq -r --arg s "${stream}_DLQ" '[.account_details[]?.stream_detail[]? | select(.name == $s) | .state.messages][0] // 0' <<<"$jsz")
  if [ "$dlq" -gt 0 ]; then warn "$dlq dead letters in ${stream}_DLQ (docs/operations.md, 'Dead letters')"; else ok "no dead letters"; fi
else
  fail "NATS monitoring does not answer at $monitor (NATS_MONITOR_URL; nats-server -m 8222)"
fi

# 3. PostgreSQL and pending migrations
sql() {
  if [ ${#compose[@]} -gt 0 ]; then
    "${compose[@]}" exec -T postgres psql -U guildflow -d guildflow -XAtqc "$1"
  else
    psql "${DATABASE_URL#jdbc:}" -XAtqc "$1"
  fi
}
if sql 'select 1' >/dev/null 2>&1; then
  ok "PostgreSQL answers"
  # The runtime's migrations (db/migration, history flyway_schema_history) and the bot's own (db/bot,
  # history bot_schema_history); a history table that does not exist yet means all of its are pending.
  applied_runtime=$(sql "select version from flyway_schema_history where success and version is not null" 2>/dev/null || true)
  applied_bot=$(sql "select version from bot_schema_history where success and version is not null" 2>/dev/null || true)
  if [ -f "$jar" ]; then
    mapfile -t shipped < <(python3 - "$jar" <<'PY'
import re, sys, zipfile
for name in zipfile.ZipFile(sys.argv[1]).namelist():
    m = re.fullmatch(r"db/(migration|bot)/V([0-9._]+)__.*\.sql", name)
    if m: print(m.group(1), m.group(2).replace("_", "."), name)
PY
)
    pending=()
    for entry in "${shipped[@]}"; do
      read -r kind version path <<<"$entry"
      if [ "$kind" = bot ]; then applied=$applied_bot; else applied=$applied_runtime; fi
      grep -qxF "$version" <<<"$applied" || pending+=("$path")
    done
    if [ ${#pending[@]} -gt 0 ]; then
      warn "${#pending[@]} migrations will run on deploy (take a backup first: scripts/rollback.sh backup): ${pending[*]}"
    else
      ok "no pending migrations (${#shipped[@]} in the jar, all applied)"
    fi
  fi
else
  fail "PostgreSQL does not answer (DATABASE_URL / the postgres service)"
fi

# 4. slash commands: the jar's against Discord's
if [ -n "${DISCORD_TOKEN:-}" ] && [ -f "$jar" ] && command -v javac >/dev/null 2>&1; then
  auth=(-H "Authorization: Bot $DISCORD_TOKEN")
  app_id=${DISCORD_APPLICATION_ID:-$(curl -sf -m 10 "${auth[@]}" "$api/applications/@me" | jq -r '.id // empty')}
  if [ -z "$app_id" ]; then
    fail "Discord at $api refused the bot token or did not answer"
  else
    where=${DISCORD_GUILD_ID:+guilds/$DISCORD_GUILD_ID/}
    registered=$(curl -sf -m 10 "${auth[@]}" "$api/applications/$app_id/${where}commands" | jq -r '.[].name' | sort)
    local_names=$(java -cp "$jar" scripts/lib/ListCommands.java 2>/dev/null | sort)
    if [ -z "$local_names" ]; then
      warn "could not list the jar's commands (java -cp $jar scripts/lib/ListCommands.java)"
    elif [ "$registered" = "$local_names" ]; then
      ok "commands registered ${where:-globally }match the jar: $(tr '\n' ' ' <<<"$local_names")"
    else
      new=$(comm -13 <(echo "$registered") <(echo "$local_names") | tr '\n' ' ')
      gone=$(comm -23 <(echo "$registered") <(echo "$local_names") | tr '\n' ' ')
      warn "commands differ from Discord's (${where:-global}): to add: ${new:-none}; to remove: ${gone:-none} (run setup after the deploy)"
    fi
  fi
else
  warn "commands not compared (needs DISCORD_TOKEN, the jar and a JDK)"
fi

if [ $failures -gt 0 ]; then
  echo "pre-deploy check: $failures problem(s): do not deploy"
  exit 1
fi
echo "pre-deploy check: ready to deploy"
