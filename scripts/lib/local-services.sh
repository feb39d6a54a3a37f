# shellcheck shell=bash
# Sourced by start-local.sh and stop-local.sh: where each service's jar, PID file and log live,
# and whether a recorded PID is still that service's `java -jar`.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)

# shellcheck disable=SC2034  # used by the scripts that source this file
# Started in this order; pay-service last, since in sync mode it calls the other four.
SERVICES=(user-service trade-service notify-service points-service pay-service)

port_of() {
  case "$1" in
    user-service) echo 8081 ;;
    trade-service) echo 8082 ;;
    pay-service) echo 8083 ;;
    notify-service) echo 8084 ;;
    points-service) echo 8085 ;;
    *) echo "unknown service: $1" >&2; return 1 ;;
  esac
}

jar_of() { echo "$ROOT/$1/target/$1.jar"; }
pid_file_of() { echo "$ROOT/.run/$1.pid"; }
log_of() { echo "$ROOT/logs/$1.log"; }

# True if PID is alive and runs this service's jar (a PID the system has since reused is not).
is_service_process() {
  local pid=$1 service=$2 command_line
  command_line=$(ps -ww -p "$pid" -o args= 2>/dev/null) || return 1
  case "$command_line" in
    *" -jar $(jar_of "$service")"*) return 0 ;;
    *) return 1 ;;
  esac
}

# Prints the recorded PID of the service if that process still runs it; fails otherwise.
recorded_pid() {
  local service=$1 pid_file pid
  pid_file=$(pid_file_of "$service")
  [ -f "$pid_file" ] || return 1
  pid=$(cat "$pid_file" 2>/dev/null) || return 1
  case "$pid" in
    '' | *[!0-9]*) return 1 ;;
  esac
  is_service_process "$pid" "$service" || return 1
  echo "$pid"
}
