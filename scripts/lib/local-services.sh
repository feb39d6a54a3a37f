# shellcheck shell=bash
# Sourced by start-local.sh and stop-local.sh: where each service listens and where its jar, PID
# file and log live, and whether a recorded PID is still that service's `java -jar`.
#
# HMALL_CONSOLE_PORT, HMALL_USER_PORT ... HMALL_POINTS_PORT, HMALL_COUPON_PORT move a service off its contract port (when something else
# holds it); HMALL_RUN_DIR (PID files, default .run/) and HMALL_LOG_DIR (logs, default logs/) let a
# second suite, such as the end-to-end tests', run from the same checkout next to a classroom's.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)
RUN_DIR=${HMALL_RUN_DIR:-$ROOT/.run}
LOG_DIR=${HMALL_LOG_DIR:-$ROOT/logs}

# shellcheck disable=SC2034  # used by the scripts that source this file
# Started in this order: the console first, so it hears every service's first spans; pay-service
# last, since in sync mode it calls the other four.
SERVICES=(console user-service trade-service notify-service points-service pay-service)
# Started only when asked (HMALL_EXTRA_SERVICES=coupon-service), next to a suite that may already be
# running; stop-local.sh stops them with the rest.
# shellcheck disable=SC2034
OPTIONAL_SERVICES=(coupon-service)

port_of() {
  case "$1" in
    console) echo "${HMALL_CONSOLE_PORT:-8080}" ;;
    user-service) echo "${HMALL_USER_PORT:-8081}" ;;
    trade-service) echo "${HMALL_TRADE_PORT:-8082}" ;;
    pay-service) echo "${HMALL_PAY_PORT:-8083}" ;;
    notify-service) echo "${HMALL_NOTIFY_PORT:-8084}" ;;
    points-service) echo "${HMALL_POINTS_PORT:-8085}" ;;
    coupon-service) echo "${HMALL_COUPON_PORT:-8086}" ;;
    *) echo "unknown service: $1" >&2; return 1 ;;
  esac
}

jar_of() { echo "$ROOT/$1/target/$1.jar"; }
pid_file_of() { echo "$RUN_DIR/$1.pid"; }
log_of() { echo "$LOG_DIR/$1.log"; }

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
