# shellcheck shell=bash
# Sourced by scripts that publish or need the suite's TCP ports (check-ports.sh, start-local.sh):
# who holds a port on this machine, and which variable moves it.
#
#   hmall_port_in_use PORT     succeeds when something listens on TCP PORT
#   hmall_port_holder PORT     prints what listens there, e.g. "java (pid 4242)", or "unknown"
#                              when it cannot tell (no ss or lsof, or another user's process);
#                              prints nothing and fails when the port is free
#   hmall_port_container PORT  prints the Docker container that publishes PORT, if any
#   hmall_port_variable PORT   prints the variable that moves the suite's port PORT, e.g.
#                              HMALL_USER_PORT for 8081; fails for a port that is not the suite's
#
# Kept to bash 3.2 (macOS) and free of `set -e` traps: every function is safe to call under the
# caller's `set -euo pipefail`, and none changes the caller's options.

# The suite's published ports: variable and default. The local launcher moves the console and its five services
# (and coupon-service, when it runs) with the same variables as docker-compose.yml.
HMALL_PORT_VARIABLES=(
  HMALL_CONSOLE_PORT:8080 HMALL_USER_PORT:8081 HMALL_TRADE_PORT:8082 HMALL_PAY_PORT:8083 HMALL_NOTIFY_PORT:8084
  HMALL_POINTS_PORT:8085 HMALL_COUPON_PORT:8086 HMALL_USER_PORT_2:8181 HMALL_TRADE_PORT_2:8182
  HMALL_PAY_PORT_2:8183 HMALL_NOTIFY_PORT_2:8184 HMALL_POINTS_PORT_2:8185 HMALL_MYSQL_HOST_PORT:3306 HMALL_AMQP_HOST_PORT:5672
  HMALL_MANAGEMENT_HOST_PORT:15672 HMALL_ZIPKIN_PORT:9411 HMALL_PROMETHEUS_PORT:9090
  HMALL_GRAFANA_PORT:3000
)

hmall_port_variable() {
  local port=$1 entry variable
  # A variable already set to this port names it first: HMALL_USER_PORT=18081 makes 18081 its.
  for entry in "${HMALL_PORT_VARIABLES[@]}"; do
    variable=${entry%%:*}
    if [ "${!variable:-}" = "$port" ]; then
      echo "$variable"
      return 0
    fi
  done
  for entry in "${HMALL_PORT_VARIABLES[@]}"; do
    if [ "${entry#*:}" = "$port" ]; then
      echo "${entry%%:*}"
      return 0
    fi
  done
  return 1
}

# Listening sockets on PORT, one "name (pid N)" a line; "unknown" for a socket whose process the
# tool does not show. Fails when the tool finds no listener or is missing (status 2).
_hmall_listeners_ss() {
  local port=$1 lines
  command -v ss > /dev/null 2>&1 || return 2
  lines=$(ss -ltnp "sport = :$port" 2> /dev/null | awk 'NR > 1') || return 2
  [ -n "$lines" ] || return 1
  printf '%s\n' "$lines" | awk '{
    line = $0
    if (line !~ /users:\(\(/) { print "unknown"; next }
    # users:(("java",pid=4242,fd=12),("java",pid=4243,fd=7))
    while (match(line, /\("[^"]*",pid=[0-9]+/)) {
      item = substr(line, RSTART + 2, RLENGTH - 2)
      split(item, parts, "\",pid=")
      print parts[1] " (pid " parts[2] ")"
      line = substr(line, RSTART + RLENGTH)
    }
  }'
}

_hmall_listeners_lsof() {
  local port=$1 lines
  command -v lsof > /dev/null 2>&1 || return 2
  # -F pc: "p<pid>" then "c<command>" for each process; exits non-zero when nothing matches.
  lines=$(lsof -nP -iTCP:"$port" -sTCP:LISTEN -F pc 2> /dev/null) || return 1
  [ -n "$lines" ] || return 1
  printf '%s\n' "$lines" | awk '/^p/ { pid = substr($0, 2) } /^c/ { print substr($0, 2) " (pid " pid ")" }'
}

# Whether anything accepts a connection on PORT at the loopback address: the last resort, which
# cannot name the process.
_hmall_port_answers() {
  (exec 3<> "/dev/tcp/127.0.0.1/$1") 2> /dev/null
}

hmall_port_holder() {
  local port=$1 found status=0
  found=$(_hmall_listeners_ss "$port") || status=$?
  if [ "$status" -eq 2 ]; then
    status=0
    found=$(_hmall_listeners_lsof "$port") || status=$?
  fi
  if [ "$status" -eq 2 ]; then
    if _hmall_port_answers "$port"; then
      echo unknown
      return 0
    fi
    return 1
  fi
  [ "$status" -eq 0 ] || return 1
  found=$(printf '%s\n' "$found" | awk '!seen[$0]++' | paste -sd, - | sed 's/,/, /g')
  local container
  case "$found" in
    *docker-proxy*)
      if container=$(hmall_port_container "$port") && [ -n "$container" ]; then
        found="$found: container $container"
      fi
      ;;
  esac
  echo "$found"
}

hmall_port_in_use() {
  hmall_port_holder "$1" > /dev/null
}

hmall_port_container() {
  local port=$1 names
  command -v docker > /dev/null 2>&1 || return 1
  if command -v timeout > /dev/null 2>&1; then
    names=$(timeout 5 docker ps --filter "publish=$port" --format '{{.Names}}' 2> /dev/null) || return 1
  else
    names=$(docker ps --filter "publish=$port" --format '{{.Names}}' 2> /dev/null) || return 1
  fi
  [ -n "$names" ] || return 1
  printf '%s\n' "$names" | paste -sd, - | sed 's/,/, /g'
}
