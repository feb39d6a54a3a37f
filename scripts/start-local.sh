#!/usr/bin/env bash
# Starts the classroom console and the five services from their jars, as background `java -jar`
# processes, against the MySQL and RabbitMQ the environment names; waits until every
# /actuator/health is UP; prints the URLs.
# Builds the jars first if any is missing. Safe to run again: a service still running is left as it
# is. scripts/stop-local.sh stops exactly what this started.
#
# Ports: console 8080 (the live page), user-service 8081, trade-service 8082, pay-service 8083, notify-service 8084,
# points-service 8085, each on 127.0.0.1 only unless HMALL_BIND says otherwise. Logs go to
# logs/<service>.log, PIDs to .run/<service>.pid.
#
# Optional services, off by default: HMALL_EXTRA_SERVICES=coupon-service (port 8086, HMALL_COUPON_PORT)
# starts coupon-service too. Run against a suite that is already up, it starts only what is missing and
# touches nothing that runs: the lesson's "a new subscriber, no change to pay-service".
#
# Two instances: HMALL_INSTANCES=2 (default 1; only 1 and 2) starts a second instance of every service
# but the console (of coupon-service too, when it is asked for), each on its port + 100 (user-service
# 8181, trade 8182, pay 8183, notify 8184, points 8185, coupon 8186; a moved port moves its second
# instance with it), PID file .run/<service>-2.pid, log logs/<service>-2.log. Consumers then compete
# on their queues, both pay-services share the outbox and the payment claims, and both pay-services
# are given every downstream's two URLs (USER_SERVICE_URL=http://127.0.0.1:8081,http://127.0.0.1:8181
# ...), over which Spring Cloud LoadBalancer spreads their Feign calls. The console keeps one URL per
# service (instance 1's). Start with HMALL_INSTANCES=2 from the beginning: pay-service reads its
# downstream lists once, at its start, so run against a one-instance suite that is already up, this
# starts only the second instances, and the pay-service that was already running keeps calling the
# first ones only until it is restarted (scripts/stop-local.sh, then this again; configuration only,
# no code changes). The script says so when that happens.
#
# Environment, with the contract's defaults:
#   MYSQL_HOST 127.0.0.1   MYSQL_PORT 3306   MYSQL_USER root    MYSQL_PASSWORD (empty)
#   RABBITMQ_HOST 127.0.0.1   RABBITMQ_PORT 5672   RABBITMQ_USER guest   RABBITMQ_PASSWORD guest
#   RABBITMQ_VHOST /   DEMO_CHAOS_ENABLED true   PAY_MODE async
#   RABBITMQ_ADDRESSES (empty; comma-separated host:port, every node of a cluster: when set it replaces
#     RABBITMQ_HOST and RABBITMQ_PORT, and at least one of them must answer; point
#     HMALL_RABBITMQ_MANAGEMENT_URL at one node's management API too: scripts/start-cluster.sh prints both)
#   USER_SERVICE_URL, TRADE_SERVICE_URL, NOTIFY_SERVICE_URL, POINTS_SERVICE_URL: http://127.0.0.1:<port>
#     (one URL, or a comma-separated list of a service's instances; with HMALL_INSTANCES=2 both ports)
#   HMALL_INSTANCES 1 (or 2: a second instance of every service but the console, see above)
#   HMALL_BIND 127.0.0.1 (the address the services listen on; 0.0.0.0 opens them, and their chaos
#     knobs, to everyone on the network: only on purpose)
#   HMALL_CONSOLE_PORT 8080  HMALL_USER_PORT 8081  HMALL_TRADE_PORT 8082  HMALL_PAY_PORT 8083  HMALL_NOTIFY_PORT 8084
#   HMALL_POINTS_PORT 8085  HMALL_COUPON_PORT 8086 (another port for a service whose own is taken)
#   HMALL_EXTRA_SERVICES (empty; comma- or space-separated: coupon-service)
#   HMALL_RUN_DIR .run   HMALL_LOG_DIR logs   HMALL_DATABASE_SUFFIX (empty: hm_user, hm_trade, ...)
#   RABBITMQ_MANAGEMENT_URL http://<RABBITMQ_HOST>:15672 (the console reads queues and bindings there)
#   JAVA_OPTS (JVM options for every service; default sized for five JVMs on two cores)
#   HMALL_JAVA_HOME (the Java that runs the services: default the newest Java 25+ under /usr/lib/jvm,
#     else `java` on the PATH; 17 is enough)
#   HMALL_STARTUP_CACHE on (or off: each jar is extracted and trained once, the first time it is
#     started, into target/startup-cache/; later starts map the JDK's AOT cache (Java 25+) or a CDS
#     archive (17 to 24) from there. See scripts/lib/startup-cache.sh)
#   START_TIMEOUT_SECONDS 180
# When the broker is on this machine and its management plugin is off, it is switched on
# (rabbitmq-plugins enable rabbitmq_management): the walkthrough and the RabbitMQ UI need it.
set -euo pipefail

if [ "$#" -ne 0 ]; then
  echo "usage: scripts/start-local.sh   (no arguments: configure it through the environment)" >&2
  exit 2
fi

# shellcheck source-path=SCRIPTDIR source=lib/local-services.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/local-services.sh"
# shellcheck source-path=SCRIPTDIR source=lib/ports.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/ports.sh"
# shellcheck source-path=SCRIPTDIR source=lib/rabbitmq.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/rabbitmq.sh"
# shellcheck source-path=SCRIPTDIR source=lib/startup-cache.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/startup-cache.sh"
cd "$ROOT"

check_instances || exit 2

# The optional services asked for join the suite's list, after the rest: they only subscribe.
extras=${HMALL_EXTRA_SERVICES:-}
for extra in ${extras//,/ }; do
  case " ${OPTIONAL_SERVICES[*]} " in
    *" $extra "*) case " ${SERVICES[*]} " in *" $extra "*) ;; *) SERVICES+=("$extra") ;; esac ;;
    *)
      echo "start-local: HMALL_EXTRA_SERVICES names '$extra'; the optional services are: ${OPTIONAL_SERVICES[*]}" >&2
      exit 2
      ;;
  esac
done

# The contract's configuration variables every service reads; SERVER_PORT is set per service.
SERVICE_ENV=(
  MYSQL_HOST MYSQL_PORT MYSQL_USER MYSQL_PASSWORD
  RABBITMQ_HOST RABBITMQ_PORT RABBITMQ_ADDRESSES RABBITMQ_USER RABBITMQ_PASSWORD RABBITMQ_VHOST
  DEMO_CHAOS_ENABLED HMALL_DATABASE_SUFFIX HMALL_CONSOLE_URL
)
# Read by pay-service only.
PAY_SERVICE_ENV=(PAY_MODE USER_SERVICE_URL TRADE_SERVICE_URL NOTIFY_SERVICE_URL POINTS_SERVICE_URL)
# Read by the console only: the services whose knobs it shows (one entry each), and the broker's
# management API, where it finds every queue bound to pay.topic.
CONSOLE_ENV=(HMALL_CONSOLE_SERVICES HMALL_RABBITMQ_MANAGEMENT_URL)

: "${MYSQL_HOST:=127.0.0.1}" "${MYSQL_PORT:=3306}" "${MYSQL_USER:=root}" "${MYSQL_PASSWORD=}"
: "${RABBITMQ_HOST:=127.0.0.1}" "${RABBITMQ_PORT:=5672}" "${RABBITMQ_USER:=guest}"
: "${RABBITMQ_PASSWORD:=guest}" "${RABBITMQ_VHOST:=/}" "${DEMO_CHAOS_ENABLED:=true}"
: "${RABBITMQ_ADDRESSES=}"
: "${PAY_MODE:=async}" "${HMALL_DATABASE_SUFFIX=}" "${HMALL_BIND:=127.0.0.1}"
# Where the services are reached from this machine: loopback, unless they listen on one address only.
case "$HMALL_BIND" in
  0.0.0.0 | :: | 127.*) SERVICE_HOST=127.0.0.1 ;;
  *) SERVICE_HOST=$HMALL_BIND ;;
esac

url_of() { echo "http://$SERVICE_HOST:$(port_of "$1" "${2:-1}")"; }

# Every instance of SERVICE, comma-separated: what pay-service's load balancer chooses from.
urls_of() {
  local instance urls=""
  for instance in $(instances_of "$1"); do
    urls="${urls:+$urls,}$(url_of "$1" "$instance")"
  done
  echo "$urls"
}

: "${USER_SERVICE_URL:=$(urls_of user-service)}"
: "${TRADE_SERVICE_URL:=$(urls_of trade-service)}"
: "${NOTIFY_SERVICE_URL:=$(urls_of notify-service)}"
: "${POINTS_SERVICE_URL:=$(urls_of points-service)}"
: "${HMALL_CONSOLE_URL:=$(url_of console)}"
# One URL per service for the console's knobs: the first of a list, instance 1 (a knob turns one
# process; the console shows instances elsewhere). coupon-service is listed whether it runs or not
# (its card shows DOWN until it does): the console, started once, shows its knobs the moment a class
# starts it, with no restart.
: "${HMALL_CONSOLE_SERVICES:=user-service=${USER_SERVICE_URL%%,*},trade-service=${TRADE_SERVICE_URL%%,*},pay-service=$(url_of pay-service),notify-service=${NOTIFY_SERVICE_URL%%,*},points-service=${POINTS_SERVICE_URL%%,*},coupon-service=$(url_of coupon-service)}"
: "${HMALL_RABBITMQ_MANAGEMENT_URL:=${RABBITMQ_MANAGEMENT_URL:-http://$RABBITMQ_HOST:15672}}"
export "${SERVICE_ENV[@]}"

# Lean for five JVMs on two cores: the serial collector, small thread stacks, a modest heap.
: "${JAVA_OPTS:=-XX:+UseSerialGC -Xss512k -Xms64m -Xmx256m}"
read -r -a java_opts <<< "$JAVA_OPTS"
: "${START_TIMEOUT_SECONDS:=180}"

fail() {
  echo "start-local: $*" >&2
  exit 1
}

show_log_tail() {
  local log
  log=$(log_of "$1" "${2:-1}")
  if [ -f "$log" ]; then
    echo "---- last lines of ${log#"$ROOT/"} ----" >&2
    tail -n 40 "$log" >&2
    echo "----" >&2
  fi
}

# Switches the management plugin on when the broker runs here and it is off: the walkthrough's
# chapter 5 and the RabbitMQ UI (http://127.0.0.1:15672) need it. Never fatal: the suite runs without.
enable_management_plugin() {
  # A cluster's nodes are not the broker rabbitmq-plugins reaches (start-cluster.sh enables theirs).
  [ -z "$RABBITMQ_ADDRESSES" ] || return 0
  case "$RABBITMQ_HOST" in 127.0.0.1 | localhost | ::1) ;; *) return 0 ;; esac
  reachable 127.0.0.1 15672 && return 0
  command -v rabbitmq-plugins > /dev/null || return 0
  echo "Enabling RabbitMQ's management plugin (rabbitmq-plugins enable rabbitmq_management)..."
  if ! rabbitmq-plugins -q enable rabbitmq_management > /dev/null 2>&1; then
    echo "  could not (it needs the rights of the broker's user): the walkthrough's chapter 5 and the UI" \
      "stay off until it is enabled" >&2
  fi
}

# True if something accepts TCP connections there; bounded where `timeout` exists.
# shellcheck disable=SC2016  # $1 and $2 are expanded by the inner bash, on purpose
reachable() {
  if command -v timeout > /dev/null; then
    timeout 5 bash -c 'exec 3<> "/dev/tcp/$1/$2"' _ "$1" "$2" 2> /dev/null
  else
    bash -c 'exec 3<> "/dev/tcp/$1/$2"' _ "$1" "$2" 2> /dev/null
  fi
}

is_up() {
  curl -fsS --max-time 3 "http://$SERVICE_HOST:$1/actuator/health" 2> /dev/null | grep -q '"status":"UP"'
}

choose_java
startup_cache_on || true
command -v curl > /dev/null || fail "curl is not on the PATH (it is used to ask each service for its health)"

mkdir -p "$RUN_DIR" "$LOG_DIR"

# "service:instance" pairs, in start order: every service's instance 1 before any instance 2.
instances=""
for instance in 1 2; do
  for service in "${SERVICES[@]}"; do
    case " $(instances_of "$service") " in *" $instance "*) instances="$instances $service:$instance" ;; esac
  done
done

to_start=""
for pair in $instances; do
  service=${pair%%:*}
  instance=${pair#*:}
  name=$(instance_name "$service" "$instance")
  if pid=$(recorded_pid "$service" "$instance"); then
    echo "$name is already running (pid $pid)"
    continue
  fi
  rm -f "$(pid_file_of "$service" "$instance")"
  port=$(port_of "$service" "$instance")
  if holder=$(hmall_port_holder "$port"); then
    if [ "$instance" = 1 ]; then
      move="$(hmall_port_variable "$port")=<free port> scripts/start-local.sh"
    else
      move="$(hmall_port_variable "$(port_of "$service")")=<free port> scripts/start-local.sh (instance 2 takes that + $INSTANCE_PORT_OFFSET)"
    fi
    fail "port $port, $name's, is held by $holder, which this script did not start" \
      "(the suite under docker compose?). Stop that, or give $service another port:" \
      "$move (scripts/check-ports.sh lists them all)"
  fi
  to_start="$to_start $pair"
done

# pay-service reads its downstream lists once, when it starts: a second instance started now is
# not among a running pay-service's choices until that pay-service starts again.
if pay_pid=$(recorded_pid pay-service); then
  for pair in $to_start; do
    case "$pair" in
      pay-service:*) ;;
      *:2)
        echo "Note: pay-service (pid $pay_pid) is already running and reads its downstream lists only when it starts:" \
          "if it was started with one instance of each, it keeps calling those only. To spread its calls over both:" \
          "scripts/stop-local.sh, then HMALL_INSTANCES=2 scripts/start-local.sh."
        break
        ;;
    esac
  done
fi

if [ -n "$to_start" ]; then
  missing=""
  for service in "${SERVICES[@]}"; do
    [ -f "$(jar_of "$service")" ] || missing="${missing:+$missing,}$service"
  done
  if [ -n "$missing" ]; then
    echo "Building the missing jars ($missing); this takes a few minutes the first time..."
    ./mvnw -B -q -DskipTests -pl "$missing" -am package
  fi

  reachable "$MYSQL_HOST" "$MYSQL_PORT" \
    || fail "no MySQL at $MYSQL_HOST:$MYSQL_PORT: start it, or point MYSQL_HOST and MYSQL_PORT at one"
  if [ -n "$RABBITMQ_ADDRESSES" ]; then
    # The services connect to whichever node answers, so one answering is enough to start.
    answering=$(hmall_first_answering_address "$RABBITMQ_ADDRESSES") \
      || fail "no RabbitMQ answers at any of RABBITMQ_ADDRESSES=$RABBITMQ_ADDRESSES: start the cluster" \
        "(scripts/start-cluster.sh), or unset RABBITMQ_ADDRESSES to use RABBITMQ_HOST and RABBITMQ_PORT"
    broker="$RABBITMQ_USER@[$RABBITMQ_ADDRESSES] (answering first: $answering)"
  else
    reachable "$RABBITMQ_HOST" "$RABBITMQ_PORT" \
      || fail "no RabbitMQ at $RABBITMQ_HOST:$RABBITMQ_PORT: start it, or point RABBITMQ_HOST and RABBITMQ_PORT at one"
    broker="$RABBITMQ_USER@$RABBITMQ_HOST:$RABBITMQ_PORT"
  fi
  enable_management_plugin
  echo "Using Java $JAVA_FEATURE ($JAVA_BIN), MySQL $MYSQL_USER@$MYSQL_HOST:$MYSQL_PORT and RabbitMQ $broker" \
    "vhost $RABBITMQ_VHOST; chaos knobs: $DEMO_CHAOS_ENABLED; pay mode at start: $PAY_MODE"
fi

# Sets ENV_ARGS to what SERVICE's INSTANCE gets on top of the exported SERVICE_ENV.
env_args_of() {
  local service=$1 instance=$2 name
  ENV_ARGS=("SERVER_PORT=$(port_of "$service" "$instance")" "SERVER_ADDRESS=$HMALL_BIND")
  if [ "$service" = pay-service ]; then
    for name in "${PAY_SERVICE_ENV[@]}"; do
      ENV_ARGS+=("$name=${!name}")
    done
  elif [ "$service" = console ]; then
    for name in "${CONSOLE_ENV[@]}"; do
      ENV_ARGS+=("$name=${!name}")
    done
  fi
}

# The start-up caches of the services about to start that have none yet (new jars), all at once.
if [ -n "$to_start" ] && startup_cache_on; then
  training=""
  for pair in $to_start; do
    service=${pair%%:*}
    case " $training " in *" $service "*) continue ;; esac
    cache_dir_of "$service"
    [ -s "$CACHE_DIR/$(cache_file_name)" ] && continue
    training="$training $service"
  done
  if [ -n "$training" ]; then
    echo "Making the start-up caches of$training with Java $JAVA_FEATURE (once per build of a jar; logs: ${LOG_DIR#"$ROOT/"}/<service>-training.log)..."
    trainers=""
    for service in $training; do
      env_args_of "$service" 1
      cache_dir_of "$service"
      train_startup_cache "$service" "$CACHE_DIR" "$LOG_DIR/$service-training.log" "${ENV_ARGS[@]}" &
      trainers="$trainers $service:$!"
    done
    for trainer in $trainers; do
      wait "${trainer#*:}" \
        || echo "  no start-up cache for ${trainer%%:*} (see ${LOG_DIR#"$ROOT/"}/${trainer%%:*}-training.log): it starts from its jar"
    done
  fi
fi

for pair in $to_start; do
  service=${pair%%:*}
  instance=${pair#*:}
  env_args_of "$service" "$instance"
  launch_args_of "$service"
  nohup env "${ENV_ARGS[@]}" "$JAVA_BIN" ${java_opts[@]+"${java_opts[@]}"} "${LAUNCH_ARGS[@]}" \
    > "$(log_of "$service" "$instance")" 2>&1 < /dev/null &
  echo "$!" > "$(pid_file_of "$service" "$instance")"
  echo "Started $(instance_name "$service" "$instance") (pid $!), log: $(log_of "$service" "$instance")"
done

echo "Waiting for every /actuator/health to be UP (at most ${START_TIMEOUT_SECONDS}s)..."
deadline=$((SECONDS + START_TIMEOUT_SECONDS))
pending=${instances# }
while [ -n "$pending" ]; do
  still_pending=""
  not_up=""
  for pair in $pending; do
    service=${pair%%:*}
    instance=${pair#*:}
    name=$(instance_name "$service" "$instance")
    if is_up "$(port_of "$service" "$instance")"; then
      echo "  $name is UP"
    elif ! recorded_pid "$service" "$instance" > /dev/null; then
      show_log_tail "$service" "$instance"
      fail "$name stopped while starting (see $(log_of "$service" "$instance") above)." \
        "Services already started keep running: scripts/stop-local.sh stops them."
    else
      still_pending="$still_pending $pair"
      not_up="$not_up $name"
    fi
  done
  pending=${still_pending# }
  [ -n "$pending" ] || break
  if [ "$SECONDS" -ge "$deadline" ]; then
    for pair in $pending; do show_log_tail "${pair%%:*}" "${pair#*:}"; done
    fail "not UP after ${START_TIMEOUT_SECONDS}s:$not_up. They keep running: look at their logs," \
      "run this again to wait longer (START_TIMEOUT_SECONDS), or scripts/stop-local.sh."
  fi
  sleep 2
done

echo
echo "The suite is up:"
for pair in $instances; do
  service=${pair%%:*}
  instance=${pair#*:}
  printf '  %-17s %s   (health: /actuator/health, log: %s)\n' \
    "$(instance_name "$service" "$instance")" "$(url_of "$service" "$instance")" "$(log_of "$service" "$instance")"
done
echo "The live page: http://$SERVICE_HOST:$(port_of console)/"
echo "Stop it with scripts/stop-local.sh"
