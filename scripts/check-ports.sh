#!/usr/bin/env bash
# Lists every host port docker-compose.yml publishes, with the value it has now (the environment,
# else .env, else the compose file's default), and whether it is free or what holds it, so that
# `docker compose up` does not stop half-way on "port is already allocated".
set -euo pipefail

usage() {
  cat <<'EOF'
usage: scripts/check-ports.sh

Lists the host ports docker-compose.yml publishes, each with the variable that moves it, its value
now (environment, else .env, else the default) and whether it is free or what holds it.

Exit status: 0 when every port `docker compose up` publishes is free (or held by this very suite,
already running), 1 when one is taken, 2 on a wrong argument. The ports only a profile publishes
(observability) are checked and reported too, but leave the exit status alone: move them before
`docker compose --profile observability up`.

A taken port moves with its variable, in the environment or in .env, for example:
  HMALL_MYSQL_HOST_PORT=13306 docker compose up --build
EOF
}

if [ "$#" -gt 0 ]; then
  if [ "$#" -eq 1 ] && { [ "$1" = --help ] || [ "$1" = -h ]; }; then
    usage
    exit 0
  fi
  echo "check-ports: unknown argument: $1" >&2
  usage >&2
  exit 2
fi

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
COMPOSE_FILE=$ROOT/docker-compose.yml
ENV_FILE=$ROOT/.env
# shellcheck source-path=SCRIPTDIR source=lib/ports.sh
source "$ROOT/scripts/lib/ports.sh"

[ -f "$COMPOSE_FILE" ] || { echo "check-ports: no $COMPOSE_FILE" >&2; exit 1; }

# The value Compose will use for VARIABLE: a non-empty one from the environment, else from .env,
# else DEFAULT (Compose's ${VARIABLE:-DEFAULT}).
value_of() {
  local variable=$1 default=$2 value=
  if [ -n "${!variable:-}" ]; then
    echo "${!variable}"
    return
  fi
  if [ -f "$ENV_FILE" ]; then
    value=$(awk -v key="$variable" 'index($0, key "=") == 1 { value = substr($0, length(key) + 2) } END { print value }' "$ENV_FILE")
    value=${value%\"}; value=${value#\"}; value=${value%\'}; value=${value#\'}
  fi
  echo "${value:-$default}"
}

# One line per published port: service, profile (or -), variable, default, container port. The
# compose file writes each as "${HMALL_BIND:-127.0.0.1}:${VARIABLE:-DEFAULT}:PORT".
published_ports() {
  awk '
    /^services:/ { in_services = 1; next }
    /^[^ #]/ { in_services = 0 }
    !in_services { next }
    # "  name:" or, for a service another one copies, "  name: &anchor".
    /^  [A-Za-z0-9._-]+:[ ]*(&[A-Za-z0-9._-]+[ ]*)?$/ { service = $1; sub(/:$/, "", service); profile = "-"; next }
    /^    profiles:/ {
      line = $0; sub(/^    profiles:[ ]*\[?/, "", line); sub(/\].*/, "", line); gsub(/[ "]/, "", line)
      if (line != "") profile = line; else want_profile = 1
      next
    }
    want_profile && /^ +- / { line = $0; sub(/^ +- /, "", line); profile = line; want_profile = 0; next }
    { want_profile = 0 }
    /^ +- "?\$\{HMALL_BIND:-[^}]*\}:\$\{[A-Z0-9_]+:-[0-9]+\}:[0-9]+/ {
      line = $0
      sub(/^[^$]*\$\{HMALL_BIND:-[^}]*\}:\$\{/, "", line)
      split(line, parts, /:-|\}:|[\/"]/)
      print service, profile, parts[1], parts[2], parts[3]
    }
  ' "$COMPOSE_FILE"
}

project=$(value_of COMPOSE_PROJECT_NAME "$(basename "$ROOT")")
bind=$(value_of HMALL_BIND 127.0.0.1)
rows=$(published_ports)
[ -n "$rows" ] || { echo "check-ports: found no published port in $COMPOSE_FILE" >&2; exit 1; }

# Values in use, to find clashes and to suggest free ports that clash with nothing.
values=$(printf '%s\n' "$rows" | while read -r _ _ variable default _; do value_of "$variable" "$default"; done)

suggest_port() {
  local port=$1 candidate
  candidate=$((port + 10000))
  [ "$candidate" -le 65535 ] || candidate=$((port + 1))
  while hmall_port_in_use "$candidate" || printf '%s\n' "$values" | grep -qx "$candidate"; do
    candidate=$((candidate + 1))
  done
  echo "$candidate"
}

echo "docker-compose.yml publishes these ports on $bind (HMALL_BIND), project $project:"
echo
printf '  %-16s %-6s %-28s %s\n' service port variable status
taken=0
profile_taken=0
moves=()
while read -r service profile variable default _; do
  value=$(value_of "$variable" "$default")
  note=
  [ "$profile" = - ] || note=" (profile $profile only)"
  status=free
  if [ "$(printf '%s\n' "$values" | grep -cx "$value")" -gt 1 ]; then
    status="clash: another variable above is $value too"
  elif holder=$(hmall_port_holder "$value"); then
    container=$(hmall_port_container "$value" || true)
    owner=
    if [ -n "$container" ] && command -v docker > /dev/null 2>&1; then
      owner=$(docker inspect -f '{{index .Config.Labels "com.docker.compose.project"}}' "${container%%,*}" 2> /dev/null || true)
    fi
    if [ "$owner" = "$project" ]; then
      status="in use by this suite, already running ($container)"
    else
      status="TAKEN by $holder"
    fi
  fi
  case "$status" in
    TAKEN* | clash*)
      if [ "$profile" = - ]; then
        taken=$((taken + 1))
      else
        profile_taken=$((profile_taken + 1))
      fi
      suggestion=$(suggest_port "$value")
      values=$(printf '%s\n%s' "$values" "$suggestion")
      moves+=("$variable=$suggestion")
      ;;
  esac
  printf '  %-16s %-6s %-28s %s%s\n' "$service" "$value" "$variable" "$status" "$note"
done <<< "$rows"

echo
if [ "$taken" -eq 0 ] && [ "$profile_taken" -eq 0 ]; then
  echo "Every port is free."
  exit 0
fi
echo "$((taken + profile_taken)) port(s) taken. Move each with its variable, in the environment or in .env, e.g.:"
echo "  ${moves[*]} docker compose up --build"
if [ "$taken" -eq 0 ]; then
  echo "(Only profile ports are taken: \`docker compose up\` without that profile is not affected.)"
  exit 0
fi
exit 1
