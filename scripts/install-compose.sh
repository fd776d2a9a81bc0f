#!/usr/bin/env bash
# Makes `docker compose` (v2) available: the compose tests of `./mvnw verify` render compose.yaml
# with `docker compose config` (no engine needed), and scripts/compose-smoke.sh runs it for real.
# Does nothing when it is already installed. Compose v2 is not packaged for Debian 12; the next
# release's docker-compose package runs here.
#
# Usage: scripts/install-compose.sh
set -euo pipefail

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
fail() { printf '[install-compose] FAILED: %s\n' "$*" >&2; exit 1; }

if docker compose version >/dev/null 2>&1; then exit 0; fi
command -v docker >/dev/null 2>&1 || {
  printf '[install-compose] installing the Docker client (Debian package docker.io)\n'
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq docker.io >/dev/null || fail "could not install docker.io"
}
printf "[install-compose] installing Compose v2 from Debian trixie's docker-compose package\n"
dir=$(mktemp -d)
trap 'as_root rm -rf "$dir"' EXIT
echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian trixie main" \
  >"$dir/sources.list"
mkdir -p "$dir/lists/partial" "$dir/cache/archives/partial"
opts=(-o "Dir::Etc::SourceList=$dir/sources.list" -o Dir::Etc::SourceParts=/dev/null
  -o "Dir::State::Lists=$dir/lists" -o "Dir::Cache=$dir/cache")
as_root apt-get "${opts[@]}" update -qq || fail "could not read Debian trixie's package list"
(cd "$dir" && as_root apt-get "${opts[@]}" download docker-compose >/dev/null 2>&1) \
  || fail "could not download Debian's docker-compose package"
as_root dpkg -i "$dir"/docker-compose_*.deb >/dev/null || fail "could not install docker-compose"
docker compose version >/dev/null 2>&1 || fail "docker compose does not run after installing it"
