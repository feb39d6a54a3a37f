#!/usr/bin/env bash
# Starts a three-node RabbitMQ cluster on this machine, from its own RabbitMQ installation (no
# Docker): nodes hmall-1@localhost, hmall-2@localhost and hmall-3@localhost, AMQP on 5701-5703,
# management on 15701-15703 (guest/guest, from this machine only), data and logs under .cluster/.
# The usual broker on 5672/15672 is left alone: the nodes have their own names, ports, files and
# Erlang cookie. Quorum queues declared on the cluster get a member on each of the three nodes.
#
# Safe to run again: running nodes are left as they are, stopped ones are started again (with their
# data), and a node that is not in the cluster yet joins hmall-1. scripts/stop-cluster.sh stops them.
#
#   scripts/start-cluster.sh           start (or complete) the cluster, print how to use it
#   scripts/start-cluster.sh --suite   then start the suite against it: scripts/start-local.sh with
#                                      RABBITMQ_ADDRESSES and HMALL_RABBITMQ_MANAGEMENT_URL set to the
#                                      nodes (configure that launcher through its own variables)
#
# Environment: HMALL_CLUSTER_AMQP_PORT 5701, HMALL_CLUSTER_MANAGEMENT_PORT 15701,
# HMALL_CLUSTER_DIST_PORT 25701 (node i takes the port + i - 1), HMALL_CLUSTER_DIR .cluster,
# HMALL_CLUSTER_NAME hmall, HMALL_CLUSTER_HOST localhost, HMALL_RABBITMQ_SBIN (see lib/cluster.sh),
# CLUSTER_START_TIMEOUT_SECONDS 120.
set -euo pipefail

usage() {
  echo "usage: scripts/start-cluster.sh [--suite]   (ports and names through the environment: see the script's head)"
}

run_suite=false
for argument in "$@"; do
  case "$argument" in
    --suite) run_suite=true ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
done

# shellcheck source-path=SCRIPTDIR source=lib/cluster.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/cluster.sh"
# shellcheck source-path=SCRIPTDIR source=lib/ports.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/ports.sh"

: "${CLUSTER_START_TIMEOUT_SECONDS:=120}"

fail() {
  echo "start-cluster: $*" >&2
  exit 1
}

# The node's own log (log/<node name>.log) and what rabbitmq-server printed (log/console.log).
show_log_tail() {
  local log
  for log in "$(cluster_node_dir "$1")/log/$(cluster_node_name "$1").log" "$(cluster_node_dir "$1")/log/console.log"; do
    if [ -s "$log" ]; then
      echo "---- last lines of $log ----" >&2
      tail -n 30 "$log" >&2
      echo "----" >&2
    fi
  done
}

SBIN=$(cluster_sbin) || fail "no RabbitMQ installation found (rabbitmq-server is not on the PATH):" \
  "install it (apt-get install rabbitmq-server), or set HMALL_RABBITMQ_SBIN to its sbin directory"
if [ ! -x "$SBIN/rabbitmq-server" ] || [ ! -x "$SBIN/rabbitmqctl" ]; then
  fail "$SBIN has no rabbitmq-server and rabbitmqctl (HMALL_RABBITMQ_SBIN)"
fi

# The folder is marked as the cluster's only when it is new or empty: stop-cluster.sh --delete-data
# deletes a marked folder, and HMALL_CLUSTER_DIR pointed at one with other things in it must never be.
if [ -d "$CLUSTER_DIR" ] && [ ! -f "$CLUSTER_DIR/$CLUSTER_MARKER" ] \
  && [ -n "$(ls -A "$CLUSTER_DIR" 2> /dev/null)" ]; then
  fail "$CLUSTER_DIR holds files start-cluster.sh did not make: give HMALL_CLUSTER_DIR a new or empty folder"
fi
mkdir -p "$CLUSTER_DIR"
touch "$CLUSTER_DIR/$CLUSTER_MARKER"
# An empty environment file: the installation's (/etc/rabbitmq/rabbitmq-env.conf) names the usual node.
: > "$CLUSTER_DIR/rabbitmq-env.conf"
cookie="$CLUSTER_DIR/.erlang.cookie"
if [ ! -s "$cookie" ]; then
  # 32 random hex digits; a finite read, so no pipe ends early under pipefail.
  (umask 077 && od -An -N16 -tx1 /dev/urandom | tr -d ' \n' | tr 'a-f' 'A-F' > "$cookie")
  chmod 400 "$cookie"
  echo "Made the cluster's Erlang cookie: $cookie"
fi

# Writes node N's configuration; the same every run, so a changed port variable takes effect on the
# node's next start.
write_node_config() {
  local node=$1 dir
  dir=$(cluster_node_dir "$node")
  mkdir -p "$dir/data" "$dir/log"
  cat > "$dir/rabbitmq.conf" << EOF
# Written by scripts/start-cluster.sh for $(cluster_node_name "$node"); rewritten on every run.
listeners.tcp.1 = 127.0.0.1:$(cluster_amqp_port "$node")
management.tcp.ip = 127.0.0.1
management.tcp.port = $(cluster_management_port "$node")
# guest/guest, as on a fresh broker: from this machine only.
loopback_users.guest = true
EOF
  # A quorum queue's members: one per node, up to three (3 is also RabbitMQ's default, said here
  # on purpose: the lesson rests on it).
  echo '[{rabbit, [{quorum_cluster_size, 3}]}].' > "$dir/advanced.config"
  echo '[rabbitmq_management].' > "$dir/enabled_plugins"
}

start_node() {
  local node=$1 dir name
  dir=$(cluster_node_dir "$node")
  name=$(cluster_node_name "$node")
  rm -f "$dir/rabbitmq.pid" "$dir/launcher.pid"
  # The marker argument (-hmall_cluster_node) lets stop-cluster.sh recognise the process.
  nohup env -u RABBITMQ_ERLANG_COOKIE HOME="$CLUSTER_DIR" \
    RABBITMQ_CONF_ENV_FILE="$CLUSTER_DIR/rabbitmq-env.conf" \
    RABBITMQ_NODENAME="$name" \
    RABBITMQ_CONFIG_FILE="$dir/rabbitmq.conf" \
    RABBITMQ_ADVANCED_CONFIG_FILE="$dir/advanced.config" \
    RABBITMQ_ENABLED_PLUGINS_FILE="$dir/enabled_plugins" \
    RABBITMQ_MNESIA_BASE="$dir/data" \
    RABBITMQ_LOG_BASE="$dir/log" \
    RABBITMQ_PID_FILE="$dir/rabbitmq.pid" \
    RABBITMQ_DIST_PORT="$(cluster_dist_port "$node")" \
    RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-hmall_cluster_node $name -kernel inet_dist_use_interface {127,0,0,1}" \
    ERL_EPMD_ADDRESS="${ERL_EPMD_ADDRESS:-127.0.0.1}" \
    "$SBIN/rabbitmq-server" > "$dir/log/console.log" 2>&1 < /dev/null &
  started_pids[node]=$!
  echo "$!" > "$dir/launcher.pid"
  echo "Started $name (AMQP 127.0.0.1:$(cluster_amqp_port "$node"), management" \
    "http://127.0.0.1:$(cluster_management_port "$node"), log $dir/log/)"
}

# Every node is started before any is waited for: a node that was clustered waits, on start, for
# the peers it last saw, so starting them one by one after a full stop would hang.
started_pids=()
for node in "${CLUSTER_NODES[@]}"; do
  name=$(cluster_node_name "$node")
  if cluster_node_answers "$node"; then
    echo "$name is already running"
    continue
  fi
  for port in "$(cluster_amqp_port "$node")" "$(cluster_management_port "$node")" "$(cluster_dist_port "$node")"; do
    if holder=$(hmall_port_holder "$port"); then
      fail "port $port, for $name, is held by $holder. Move the cluster's ports:" \
        "HMALL_CLUSTER_AMQP_PORT, HMALL_CLUSTER_MANAGEMENT_PORT, HMALL_CLUSTER_DIST_PORT (first node's; the others follow)"
    fi
  done
  write_node_config "$node"
  start_node "$node"
done

node_failed() {
  show_log_tail "$1"
  fail "$(cluster_node_name "$1") did not start: $2 (its logs are above). scripts/stop-cluster.sh stops the others."
}

echo "Waiting for the three nodes to boot (at most ${CLUSTER_START_TIMEOUT_SECONDS}s)..."
deadline=$((SECONDS + CLUSTER_START_TIMEOUT_SECONDS))
for node in "${CLUSTER_NODES[@]}"; do
  # await_startup gives up at once on a node whose VM is not up yet (not registered with epmd),
  # so first wait until the VM answers, as long as the process we started is alive.
  until cluster_node_answers "$node"; do
    pid=${started_pids[node]:-}
    if [ -n "$pid" ] && ! kill -0 "$pid" 2> /dev/null; then
      node_failed "$node" "rabbitmq-server exited"
    fi
    [ "$SECONDS" -lt "$deadline" ] || node_failed "$node" "no answer within ${CLUSTER_START_TIMEOUT_SECONDS}s"
    sleep 1
  done
  remaining=$((deadline - SECONDS > 10 ? deadline - SECONDS : 10))
  if ! output=$(cluster_cli rabbitmqctl "$node" -q await_startup --timeout "$remaining" 2>&1); then
    node_failed "$node" "rabbitmqctl await_startup: $output"
  fi
  echo "  $(cluster_node_name "$node") is up"
done

# True when node N counts the first node among the cluster's members. A node whose status cannot
# be read is an error, never a reason to reset it.
in_first_nodes_cluster() {
  local status
  status=$(cluster_cli rabbitmqctl "$1" -q cluster_status --formatter json 2>&1) \
    || fail "could not read $(cluster_node_name "$1")'s cluster status: $status"
  printf '%s\n' "$status" | grep -q "\"$(cluster_node_name 1)\""
}

first=$(cluster_node_name 1)
for node in "${CLUSTER_NODES[@]:1}"; do
  name=$(cluster_node_name "$node")
  if in_first_nodes_cluster "$node"; then
    echo "$name is in the cluster already"
    continue
  fi
  echo "Joining $name to $first (stop_app, reset, join_cluster, start_app)..."
  # The CLI echoes the joining node's log (warnings about the reset): shown only when a step fails.
  for step in stop_app reset "join_cluster $first" start_app \
    "await_startup --timeout $CLUSTER_START_TIMEOUT_SECONDS"; do
    read -r -a command <<< "$step"
    output=$(cluster_cli rabbitmqctl "$node" -q "${command[@]}" 2>&1) \
      || fail "$name: rabbitmqctl $step failed: $output"
  done
done

status=$(cluster_cli rabbitmqctl 1 -q cluster_status --formatter json)
for node in "${CLUSTER_NODES[@]}"; do
  name=$(cluster_node_name "$node")
  # running_nodes is the list after "running_nodes"; every node must appear there.
  printf '%s\n' "$status" | sed -e 's/.*"running_nodes":\[\([^]]*\)\].*/\1/' | grep -q "\"$name\"" \
    || fail "$name is not running in the cluster: $status"
done

addresses=$(cluster_addresses)
management="http://127.0.0.1:$(cluster_management_port 1)"
echo
echo "The cluster runs: $(cluster_node_name 1), $(cluster_node_name 2), $(cluster_node_name 3)"
echo "  AMQP:        $addresses"
echo "  management:  $management (and the next two ports), guest/guest from this machine"
echo "  status:      HOME=$CLUSTER_DIR $SBIN/rabbitmqctl -n $first cluster_status"
echo "  stop it:     scripts/stop-cluster.sh   (--delete-data also deletes $CLUSTER_DIR)"
echo "The suite against it:"
echo "  RABBITMQ_ADDRESSES=$addresses HMALL_RABBITMQ_MANAGEMENT_URL=$management scripts/start-local.sh"
echo "  (or scripts/start-cluster.sh --suite)"

if [ "$run_suite" = true ]; then
  echo
  RABBITMQ_ADDRESSES=$addresses HMALL_RABBITMQ_MANAGEMENT_URL=$management \
    exec "$CLUSTER_ROOT/scripts/start-local.sh"
fi
