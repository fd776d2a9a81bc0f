#!/usr/bin/env bash
# Builds local stand-ins for the public base images that compose.yaml and docker/Dockerfile name,
# for machines that cannot reach a public image registry (this project's CI machines). Users pull
# the real images; these exist only so the smoke test can run the real Dockerfile and compose file.
#
# One Debian rootfs (debootstrap from Debian's packages) carries a JDK, PostgreSQL and nats-server;
# each stand-in adds the entrypoint behaviour of the image it stands for. Images already present
# (pulled or built before) are left alone.
#
#   docker/stand-ins/build.sh            build the missing stand-ins
#   docker/stand-ins/build.sh --list     print the image names this script provides
# GUILDFLOW_BUILD_BACKGROUND=1 (compose-smoke.sh --prepare, beside the test suite): the work runs at the lowest CPU
# priority (debootstrap niced, docker builds with the smallest CPU share), so the tests' timing is not disturbed.
set -euo pipefail
cd "$(dirname "$0")"
source ./images.env
background=() docker_background=()
if [ -n "${GUILDFLOW_BUILD_BACKGROUND:-}" ]; then
  background=(nice -n 19) docker_background=(--cpu-shares 2)
fi

log() { printf '[stand-ins] %s\n' "$*"; }
fail() { printf '[stand-ins] FAILED: %s\n' "$*" >&2; exit 1; }

if [ "${1:-}" = "--list" ]; then
  printf '%s\n' "$JDK_IMAGE" "$JRE_IMAGE" "$POSTGRES_IMAGE" "$NATS_IMAGE"
  exit 0
fi

present() { docker image inspect "$1" >/dev/null 2>&1; }

missing=()
for image in "$JDK_IMAGE" "$JRE_IMAGE" "$POSTGRES_IMAGE" "$NATS_IMAGE"; do
  if present "$image"; then continue; fi
  # The real image when a registry answers; a stand-in only when it cannot be pulled.
  if timeout 120 docker pull -q "$image" >/dev/null 2>&1; then
    log "pulled $image"
  else
    missing+=("$image")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  log "all base images present"
  exit 0
fi
log "cannot pull, building stand-ins: ${missing[*]}"

if ! present "$ROOTFS_IMAGE"; then
  command -v debootstrap >/dev/null || fail "debootstrap is not installed (apt-get install debootstrap)"
  rootfs=$(mktemp -d /var/tmp/guildflow-rootfs.XXXXXX)
  trap 'umount "$rootfs/proc" 2>/dev/null; rm -rf "$rootfs" "$rootfs.log"' EXIT
  log "debootstrap $DEBIAN_SUITE into $rootfs (JDK, PostgreSQL, nats-server)"
  "${background[@]}" debootstrap --variant=minbase \
    --include=ca-certificates,openjdk-17-jdk-headless,postgresql-15,nats-server,wget \
    "$DEBIAN_SUITE" "$rootfs" "$DEBIAN_MIRROR" >"$rootfs.log" 2>&1 \
    || { tail -n 20 "$rootfs.log" >&2; fail "debootstrap"; }
  rm -f "$rootfs.log"
  # Machines behind a TLS-inspecting egress need its CA inside the build container too
  # (Maven Central from the image build); Debian's hook also refreshes Java's cacerts.
  if compgen -G "/usr/local/share/ca-certificates/*.crt" >/dev/null; then
    cp /usr/local/share/ca-certificates/*.crt "$rootfs/usr/local/share/ca-certificates/"
  fi
  # java (for ca-certificates-java's keystore) needs /proc inside the chroot.
  mount -t proc proc "$rootfs/proc"
  if ! "${background[@]}" chroot "$rootfs" sh -c 'dpkg --configure -a && update-ca-certificates --fresh' >"$rootfs.log" 2>&1; then
    umount "$rootfs/proc"; tail -n 20 "$rootfs.log" >&2; fail "CA certificates in the rootfs"
  fi
  umount "$rootfs/proc"
  rm -f "$rootfs.log"
  java_home=$(dirname "$(dirname "$(readlink -f "$rootfs/usr/bin/javac")")")
  mkdir -p "$rootfs/opt/java"
  ln -s "${java_home#"$rootfs"}" "$rootfs/opt/java/openjdk"
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
  log "importing $ROOTFS_IMAGE"
  tar -C "$rootfs" -c . | docker import - "$ROOTFS_IMAGE" >/dev/null
  rm -rf "$rootfs"
  trap - EXIT
fi

build() {
  local image=$1 dockerfile=$2
  present "$image" && return 0
  log "building stand-in $image"
  docker build -q "${docker_background[@]}" --build-arg "ROOTFS=$ROOTFS_IMAGE" -f "$dockerfile" -t "$image" . >/dev/null
}
build "$JDK_IMAGE" java.Dockerfile
build "$JRE_IMAGE" java.Dockerfile
build "$POSTGRES_IMAGE" postgres.Dockerfile
build "$NATS_IMAGE" nats.Dockerfile
log "ready: ${missing[*]}"
