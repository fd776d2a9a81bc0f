#!/bin/sh
# Starts nats-server with the sample configuration for the ONE environment a deployment runs
# (compose.yaml, k8s/overlays/development):
#   ENVIRONMENT=production NATS_GATEWAY_PASSWORD=… NATS_WORKER_PASSWORD=… NATS_SETUP_PASSWORD=… \
#     sh start.sh [nats-server options]
# The sample names each password after its account and role ($GF_<ENV>_<ROLE>_PASSWORD). Those of
# ENVIRONMENT come from NATS_<ROLE>_PASSWORD; every other account's users get a random password
# nobody knows, so no one can log in to an environment this deployment does not run.
# NATS_CONFIG: the configuration (default /etc/nats/nats-server.conf, where both mount it).
# Exit 2 with one line when ENVIRONMENT has no account in the file or a password is unusable.
set -eu
config=${NATS_CONFIG:-/etc/nats/nats-server.conf}
fail() { echo "nats start.sh: $*" >&2; exit 2; }

[ -r "$config" ] || fail "cannot read $config (NATS_CONFIG)"
[ -n "${ENVIRONMENT:-}" ] || fail "ENVIRONMENT is not set: the environment whose users may log in"
account=$(printf '%s' "$ENVIRONMENT" | tr 'a-z-' 'A-Z_')
variables=$(grep -o 'GF_[A-Z0-9_]*_PASSWORD' "$config" | sort -u)
printf '%s\n' "$variables" | grep -qx "GF_${account}_GATEWAY_PASSWORD" \
  || fail "ENVIRONMENT=$ENVIRONMENT has no account in $config (add one: docs/security.md)"

for variable in $variables; do
  value=""
  for role in GATEWAY WORKER SETUP; do
    if [ "$variable" = "GF_${account}_${role}_PASSWORD" ]; then
      eval "value=\${NATS_${role}_PASSWORD:-}"
      # nats-server parses the value as configuration: letters and digits, a letter first.
      case $value in
        "" | [!A-Za-z]* | *[!A-Za-z0-9]*)
          fail "NATS_${role}_PASSWORD is empty or not letters and digits starting with a letter (e.g. p\$(openssl rand -hex 24))" ;;
      esac
    fi
  done
  [ -n "$value" ] || value=x$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')
  export "$variable=$value"
done
unset NATS_GATEWAY_PASSWORD NATS_WORKER_PASSWORD NATS_SETUP_PASSWORD
exec nats-server -c "$config" "$@"
