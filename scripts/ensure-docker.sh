#!/usr/bin/env bash
# Makes this machine ready for the compose test (e2e-tests, DockerComposeIT) the way CI is made
# ready: Debian's Docker engine and docker-compose installed, an engine answering, and the four
# base images of the Dockerfile and docker-compose.yml present, pulled where a registry answers,
# else built as local stand-ins from Debian packages (tools/standin-images). Does nothing that is
# already done; fails, saying why, when it cannot finish.
set -euo pipefail

usage() {
  cat <<'EOF'
usage: scripts/ensure-docker.sh

Installs docker.io, docker-compose and debootstrap with apt-get when missing, starts dockerd
(as root, log in /var/log/dockerd.log) when no engine answers, and provides the base images
maven:3.9-eclipse-temurin-17, eclipse-temurin:17-jre, mysql:8.4 and rabbitmq:4-management:
pulled where a registry answers, else built by tools/standin-images/build.sh.
Needs root for whatever it has to install or start.

Environment: ENSURE_DOCKER_TIMEOUT_SECONDS (60), how long to wait for a started engine.
EOF
}

if [ "$#" -gt 0 ]; then
  if [ "$#" -eq 1 ] && { [ "$1" = --help ] || [ "$1" = -h ]; }; then
    usage
    exit 0
  fi
  echo "ensure-docker: unknown argument: $1" >&2
  usage >&2
  exit 2
fi

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
# Debian's CLI, which has BuildKit built in; a newer `docker` earlier on PATH may lack buildx.
DOCKER=/usr/bin/docker
export PATH="/usr/bin:$PATH"
BASE_IMAGES=(maven:3.9-eclipse-temurin-17 eclipse-temurin:17-jre mysql:8.4 rabbitmq:4-management)
: "${ENSURE_DOCKER_TIMEOUT_SECONDS:=60}"

say() { echo "== ensure-docker: $*"; }
fail() {
  echo "ensure-docker: $*" >&2
  exit 1
}
need_root() {
  [ "$(id -u)" = 0 ] || fail "$1 needs root; run this as root, or do it yourself: $2"
}

missing_packages=()
if [ ! -x "$DOCKER" ] || ! command -v dockerd > /dev/null; then
  missing_packages+=(docker.io)
fi
command -v docker-compose > /dev/null || missing_packages+=(docker-compose)
command -v debootstrap > /dev/null || missing_packages+=(debootstrap)
if [ "${#missing_packages[@]}" -gt 0 ]; then
  need_root "installing ${missing_packages[*]}" "apt-get install -y ${missing_packages[*]}"
  say "installing ${missing_packages[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q "${missing_packages[@]}" > /dev/null \
    || { apt-get update -q > /dev/null && apt-get install -y -q "${missing_packages[@]}" > /dev/null; } \
    || fail "apt-get could not install ${missing_packages[*]}"
fi

engine_answers() {
  "$DOCKER" info > /dev/null 2>&1
}

if ! engine_answers; then
  if pgrep -x dockerd > /dev/null; then
    say "dockerd runs but does not answer yet: waiting"
  else
    need_root "starting dockerd" "dockerd > /var/log/dockerd.log 2>&1 &"
    say "no engine answers: starting dockerd (log: /var/log/dockerd.log)"
    # Its own session and no inherited descriptors: it outlives this script, and whoever reads
    # this script's output (a test, CI) is not held open by it.
    setsid dockerd > /var/log/dockerd.log 2>&1 < /dev/null &
  fi
  deadline=$((SECONDS + ENSURE_DOCKER_TIMEOUT_SECONDS))
  until engine_answers; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      tail -n 20 /var/log/dockerd.log >&2 2> /dev/null || true
      fail "no Docker engine answers after ${ENSURE_DOCKER_TIMEOUT_SECONDS}s (see /var/log/dockerd.log)"
    fi
    sleep 1
  done
  say "the engine answers"
fi

# build.sh's name for the stand-in of each base image.
standin_target() {
  case "$1" in
    maven:*) echo maven ;;
    eclipse-temurin:*) echo temurin-jre ;;
    mysql:*) echo mysql ;;
    rabbitmq:*) echo rabbitmq ;;
  esac
}

targets=()
for image in "${BASE_IMAGES[@]}"; do
  "$DOCKER" image inspect "$image" > /dev/null 2>&1 && continue
  if "$DOCKER" pull -q "$image" > /dev/null 2>&1; then
    say "pulled $image"
  else
    targets+=("$(standin_target "$image")")
  fi
done
if [ "${#targets[@]}" -gt 0 ]; then
  # Stand-ins only where no registry answers: tools/standin-images/README.md says what they differ in.
  "$DOCKER" image inspect standin/debian:bookworm-minbase > /dev/null 2>&1 || targets=(base "${targets[@]}")
  say "no registry has them: building stand-ins for ${targets[*]} (tools/standin-images)"
  "$ROOT/tools/standin-images/build.sh" "${targets[@]}" || fail "building the stand-in images failed"
fi
for image in "${BASE_IMAGES[@]}"; do
  "$DOCKER" image inspect "$image" > /dev/null 2>&1 || fail "$image is still missing"
done
say "ready: engine $("$DOCKER" version --format '{{.Server.Version}}'), $(docker-compose version --short 2> /dev/null || echo 'docker-compose ?'), base images present"
