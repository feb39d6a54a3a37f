# shellcheck shell=bash
# Sourced by start-local.sh and stop-local.sh: where each service listens and where its jar, PID
# file and log live, and whether a recorded PID is still that service's `java -jar`.
#
# HMALL_CONSOLE_PORT, HMALL_USER_PORT ... HMALL_POINTS_PORT, HMALL_COUPON_PORT move a service off its contract port (when something else
# holds it); HMALL_RUN_DIR (PID files, default .run/) and HMALL_LOG_DIR (logs, default logs/) let a
# second suite, such as the end-to-end tests', run from the same checkout next to a classroom's.
#
# Instances: every service but the console may run twice (HMALL_INSTANCES=2, see start-local.sh).
# Instance 1 is the service as it always was; instance 2 listens on instance 1's port + 100 and is
# named <service>-2 in its PID file and log. The functions below take an optional INSTANCE (1 or 2,
# default 1), so the one-instance names stay exactly as before:
#   port_of SERVICE [INSTANCE]      user-service 8081, user-service 2 8181
#   instance_name SERVICE INSTANCE  user-service, user-service-2
#   pid_file_of / log_of / recorded_pid SERVICE [INSTANCE]
#   instances_of SERVICE            the instance numbers to run: console 1 only, the others 1..HMALL_INSTANCES
#   check_instances                 fails with a clear message unless HMALL_INSTANCES is unset, 1 or 2

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

# Instance 2 of a service listens on instance 1's port + 100: 8181 user ... 8186 coupon, clear of the
# suite's other ports (docker compose's, the tests' 1808x and 2808x), and easy to tell apart.
INSTANCE_PORT_OFFSET=100

port_of() {
  local port
  port=$(base_port_of "$1") || return 1
  case "${2:-1}" in
    1) echo "$port" ;;
    2)
      # Its own variable when set (HMALL_USER_PORT_2, as in docker-compose.yml's profile twice),
      # else the first instance's port + 100.
      local variable
      variable=$(second_port_variable_of "$1")
      if [ -n "$variable" ] && [ -n "${!variable:-}" ]; then
        echo "${!variable}"
      else
        echo $((port + INSTANCE_PORT_OFFSET))
      fi
      ;;
    *) echo "unknown instance of $1: ${2:-} (only 1 and 2)" >&2; return 1 ;;
  esac
}

second_port_variable_of() {
  case "$1" in
    user-service) echo HMALL_USER_PORT_2 ;;
    trade-service) echo HMALL_TRADE_PORT_2 ;;
    pay-service) echo HMALL_PAY_PORT_2 ;;
    notify-service) echo HMALL_NOTIFY_PORT_2 ;;
    points-service) echo HMALL_POINTS_PORT_2 ;;
    coupon-service) echo HMALL_COUPON_PORT_2 ;;
    *) echo "" ;;
  esac
}

base_port_of() {
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

# The supported values are 1 and 2: two is what competing consumers, a shared outbox and load
# balancing need to be seen; more would only crowd two cores and the +100 port scheme.
check_instances() {
  case "${HMALL_INSTANCES:-1}" in
    1 | 2) return 0 ;;
    *)
      echo "HMALL_INSTANCES=${HMALL_INSTANCES} is not supported: only 1 (the default) and 2" \
        "(a second instance of every service but the console, on its port + 100)" >&2
      return 1
      ;;
  esac
}

instances_of() {
  if [ "$1" = console ] || [ "${HMALL_INSTANCES:-1}" = 1 ]; then
    echo 1
  else
    echo 1 2
  fi
}

instance_name() {
  case "${2:-1}" in
    1) echo "$1" ;;
    *) echo "$1-$2" ;;
  esac
}

jar_of() { echo "$ROOT/$1/target/$1.jar"; }
# Where start-local.sh keeps each jar extracted and its start-up cache (lib/startup-cache.sh).
STARTUP_CACHE_ROOT=${HMALL_STARTUP_CACHE_DIR:-$ROOT/target/startup-cache}
pid_file_of() { echo "$RUN_DIR/$(instance_name "$1" "${2:-1}").pid"; }
log_of() { echo "$LOG_DIR/$(instance_name "$1" "${2:-1}").log"; }

# True if PID is alive and runs this service's jar, or its extracted copy in the start-up cache
# (a PID the system has since reused is not).
is_service_process() {
  local pid=$1 service=$2 command_line
  command_line=$(ps -ww -p "$pid" -o args= 2>/dev/null) || return 1
  case "$command_line" in
    *" -jar $(jar_of "$service")"*) return 0 ;;
    *" -jar $STARTUP_CACHE_ROOT/$service/"*"/$service.jar"*) return 0 ;;
    *) return 1 ;;
  esac
}

# Prints the recorded PID of the service's instance if that process still runs it; fails otherwise.
recorded_pid() {
  local service=$1 pid_file pid
  pid_file=$(pid_file_of "$service" "${2:-1}")
  [ -f "$pid_file" ] || return 1
  pid=$(cat "$pid_file" 2>/dev/null) || return 1
  case "$pid" in
    '' | *[!0-9]*) return 1 ;;
  esac
  is_service_process "$pid" "$service" || return 1
  echo "$pid"
}
