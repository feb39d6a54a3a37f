#!/usr/bin/env bash
# Carries every image the suite needs to machines without a registry: a teacher saves them into
# one file where Docker Hub (or a mirror) answers, copies it to the classroom PCs, loads it there,
# and `docker compose up` then starts with no network. docs/docker.md tells the whole story.
set -euo pipefail

usage() {
  cat <<'EOF'
usage: scripts/images.sh save FILE [--profile NAME]...
       scripts/images.sh load FILE
       scripts/images.sh list [--profile NAME]...

  save   writes every image `docker compose up` needs into FILE (a tar; FILE ending in .gz is
         gzipped): the six hmall/<name>:<version> images (console and services), built first where missing, and
         MySQL and RabbitMQ, pulled where missing. --profile observability adds Zipkin,
         Prometheus and Grafana. Refuses, naming it, when an image is missing and cannot be had.
  load   loads FILE and checks that every image of the compose file is then present.
  list   prints the images `docker compose up` needs, one a line.

The image names are those of docker-compose.yml with the environment and .env applied
(HMALL_VERSION, HMALL_IMAGE_REGISTRY, HMALL_*_IMAGE): set the same on both sides.
Uses `docker compose` where it answers, else `docker-compose`.
EOF
}

fail() {
  echo "images.sh: $*" >&2
  exit 1
}

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)

command=${1:-}
[ "$#" -gt 0 ] && shift
file=
profiles=()
case "$command" in
  -h | --help) usage; exit 0 ;;
  save | load)
    [ "$#" -gt 0 ] || { echo "images.sh: $command needs a FILE" >&2; usage >&2; exit 2; }
    file=$1
    shift
    ;;
  list) ;;
  *) echo "images.sh: unknown command: ${command:-(none)}" >&2; usage >&2; exit 2 ;;
esac
while [ "$#" -gt 0 ]; do
  case "$1" in
    --profile)
      if [ "$command" = load ] || [ "$#" -lt 2 ]; then
        echo "images.sh: unexpected argument: $1" >&2
        usage >&2
        exit 2
      fi
      profiles+=("$2")
      shift 2
      ;;
    *) echo "images.sh: unknown argument: $1" >&2; usage >&2; exit 2 ;;
  esac
done

command -v docker > /dev/null 2>&1 || fail "docker is not installed"
docker info > /dev/null 2>&1 || fail "no Docker engine answers (is it started, and may you use it?)"

compose=()
if docker compose version > /dev/null 2>&1; then
  compose=(docker compose)
elif command -v docker-compose > /dev/null 2>&1; then
  compose=(docker-compose)
else
  fail "neither \`docker compose\` nor \`docker-compose\` is installed"
fi
compose+=(--project-directory "$ROOT" -f "$ROOT/docker-compose.yml")
for profile in ${profiles[@]+"${profiles[@]}"}; do
  compose+=(--profile "$profile")
done

# "service image built profile" for each service the chosen profiles start, from the compose
# file as Compose reads it (variables applied). docker-compose 1.29 lists profiled services
# whatever the profiles, so the profile test is made here, for both binaries.
services_and_images() {
  "${compose[@]}" config | awk -v wanted=" ${profiles[*]-} " '
    /^services:/ { in_services = 1; next }
    /^[^ ]/ { in_services = 0 }
    !in_services { next }
    function flush() {
      if (service != "" && (profile == "-" || index(wanted, " " profile " ") > 0))
        print service, image, built
    }
    /^  [^ ]/ { flush(); service = $1; sub(/:$/, "", service); image = "-"; built = "no"; profile = "-"; next }
    /^    build:/ { built = "yes" }
    /^    image:/ { image = $2; gsub(/"/, "", image) }
    /^    profiles:/ { want_profile = 1; next }
    want_profile && /^ +- / { profile = $2; want_profile = 0; next }
    { want_profile = 0 }
    END { flush() }
  '
}

present() {
  docker image inspect "$1" > /dev/null 2>&1
}

listing=$(services_and_images) || fail "\`${compose[*]} config\` failed: is docker-compose.yml valid?"
[ -n "$listing" ] || fail "docker-compose.yml names no service"
images=()
to_build=()
while read -r service image built; do
  [ "$image" != - ] || fail "service $service has no image name in docker-compose.yml"
  images+=("$image")
  if [ "$built" = yes ] && ! present "$image"; then
    to_build+=("$service")
  fi
done <<< "$listing"

case "$command" in
  list)
    printf '%s\n' "${images[@]}"
    ;;

  save)
    # Pulled first: a registry that does not answer should stop this before minutes of building.
    while read -r _ image built; do
      if [ "$built" = yes ] || present "$image"; then
        continue
      fi
      echo "== pulling $image"
      docker pull "$image" || fail "$image is missing and cannot be pulled: load it from a saved file, or name a registry that has it (HMALL_IMAGE_REGISTRY, HMALL_*_IMAGE; docs/docker.md)"
    done <<< "$listing"
    if [ "${#to_build[@]}" -gt 0 ]; then
      echo "== building what is missing: ${to_build[*]}"
      "${compose[@]}" build "${to_build[@]}" || fail "building ${to_build[*]} failed"
    fi
    mkdir -p "$(dirname "$file")"
    echo "== saving ${#images[@]} images into $file"
    printf '   %s\n' "${images[@]}"
    case "$file" in
      *.gz) docker save "${images[@]}" | gzip -c > "$file.part" ;;
      *) docker save -o "$file.part" "${images[@]}" ;;
    esac
    mv "$file.part" "$file"
    echo "== done: $(du -h "$file" | cut -f1) in $file. On each classroom PC: scripts/images.sh load $(basename "$file"), then docker compose up"
    ;;

  load)
    [ -f "$file" ] || fail "no such file: $file"
    echo "== loading $file"
    docker load -i "$file"
    missing=()
    for image in "${images[@]}"; do
      present "$image" || missing+=("$image")
    done
    if [ "${#missing[@]}" -gt 0 ]; then
      fail "still missing after the load: ${missing[*]} (saved with other HMALL_VERSION, HMALL_IMAGE_REGISTRY or profiles?)"
    fi
    echo "== every image is here: docker compose up needs no network now (leave out --build)"
    ;;
esac
