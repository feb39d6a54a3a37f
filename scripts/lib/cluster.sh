# shellcheck shell=bash
# Sourced by start-cluster.sh and stop-cluster.sh: the three RabbitMQ nodes of the local cluster,
# their names, ports and folders, and how to talk to them with this machine's RabbitMQ tools.
#
# Node i (1, 2, 3) is $HMALL_CLUSTER_NAME-i@$HMALL_CLUSTER_HOST and listens, on 127.0.0.1 only, on
#   AMQP        HMALL_CLUSTER_AMQP_PORT + i - 1        (default 5701, 5702, 5703)
#   management  HMALL_CLUSTER_MANAGEMENT_PORT + i - 1  (default 15701, 15702, 15703)
#   Erlang distribution (node to node, CLI to node)
#               HMALL_CLUSTER_DIST_PORT + i - 1        (default 25701, 25702, 25703)
# Everything a node writes is under HMALL_CLUSTER_DIR (default .cluster/): hmall-i/ holds its
# configuration, data/, log/ and pid file; .erlang.cookie, the cookie the three nodes and the CLI
# share, is made there once. The usual broker (rabbit@..., 5672, 15672, /var/lib/rabbitmq) is
# never read or written: these nodes have their own configuration files, cookie and ports.
#
# HMALL_CLUSTER_NAME   hmall       (another name for a second cluster next to the first, as the tests do)
# HMALL_CLUSTER_HOST   localhost   (the host part of the node names; short names)
# HMALL_RABBITMQ_SBIN  where rabbitmq-server, rabbitmqctl ... really are (default: Debian's
#                      /usr/lib/rabbitmq/bin, else the directory of rabbitmq-server on the PATH).
#                      The real scripts, not /usr/sbin's wrappers: those run everything as the
#                      rabbitmq user with the usual broker's cookie.

CLUSTER_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)
CLUSTER_DIR=${HMALL_CLUSTER_DIR:-$CLUSTER_ROOT/.cluster}
CLUSTER_NAME=${HMALL_CLUSTER_NAME:-hmall}
CLUSTER_HOST=${HMALL_CLUSTER_HOST:-localhost}
CLUSTER_AMQP_PORT=${HMALL_CLUSTER_AMQP_PORT:-5701}
CLUSTER_MANAGEMENT_PORT=${HMALL_CLUSTER_MANAGEMENT_PORT:-15701}
CLUSTER_DIST_PORT=${HMALL_CLUSTER_DIST_PORT:-25701}
# shellcheck disable=SC2034  # used by the scripts that source this file
CLUSTER_NODES=(1 2 3)
# Marks a folder as one this library made, so that stop-cluster.sh --delete-data deletes nothing else.
# shellcheck disable=SC2034  # used by the scripts that source this file
CLUSTER_MARKER=.hmall-cluster

cluster_sbin() {
  local server
  if [ -n "${HMALL_RABBITMQ_SBIN:-}" ]; then
    echo "$HMALL_RABBITMQ_SBIN"
  elif [ -x /usr/lib/rabbitmq/bin/rabbitmq-server ]; then
    echo /usr/lib/rabbitmq/bin
  elif server=$(command -v rabbitmq-server 2> /dev/null); then
    dirname "$server"
  else
    return 1
  fi
}

cluster_node_name() { echo "$CLUSTER_NAME-$1@$CLUSTER_HOST"; }
cluster_node_dir() { echo "$CLUSTER_DIR/$CLUSTER_NAME-$1"; }
cluster_amqp_port() { echo $((CLUSTER_AMQP_PORT + $1 - 1)); }
cluster_management_port() { echo $((CLUSTER_MANAGEMENT_PORT + $1 - 1)); }
cluster_dist_port() { echo $((CLUSTER_DIST_PORT + $1 - 1)); }

# Every node's AMQP address, the way RABBITMQ_ADDRESSES takes them: 127.0.0.1:5701,127.0.0.1:5702,...
cluster_addresses() {
  local node list=""
  for node in "${CLUSTER_NODES[@]}"; do
    list="${list:+$list,}127.0.0.1:$(cluster_amqp_port "$node")"
  done
  echo "$list"
}

# The environment every RabbitMQ script gets: this cluster's cookie (HOME) and no trace of the
# usual broker's configuration (/etc/rabbitmq/rabbitmq-env.conf names it, rabbit@...). A CLI that
# crashes leaves its dump in the cluster's folder, not in the caller's working directory.
cluster_env() {
  env -u RABBITMQ_ERLANG_COOKIE -u RABBITMQ_NODENAME -u RABBITMQ_CONFIG_FILE \
    HOME="$CLUSTER_DIR" RABBITMQ_CONF_ENV_FILE="$CLUSTER_DIR/rabbitmq-env.conf" \
    ERL_CRASH_DUMP="$CLUSTER_DIR/erl_crash.dump" "$@"
}

# rabbitmqctl (or rabbitmq-diagnostics, rabbitmq-queues: the first argument) against node N.
cluster_cli() {
  local tool=$1 node=$2
  shift 2
  cluster_env "$(cluster_sbin)/$tool" -n "$(cluster_node_name "$node")" "$@"
}

# True when node N runs and answers this cluster's CLI (its cookie): the Erlang VM is up. Without
# the cookie no node of this cluster can run, and the CLI would crash trying to make one there.
cluster_node_answers() {
  [ -s "$CLUSTER_DIR/.erlang.cookie" ] || return 1
  cluster_cli rabbitmq-diagnostics "$1" -q ping > /dev/null 2>&1
}

# The node's live processes, one PID a line: the Erlang VM (the PID it wrote to rabbitmq.pid, once
# it has booted far enough, checked to carry this node's -hmall_cluster_node marker) and the
# rabbitmq-server script start-cluster.sh launched it with (launcher.pid, written at once: a node
# still booting has only that one). Prints nothing and fails when neither is alive.
cluster_node_pids() {
  local node=$1 dir pid found=1
  dir=$(cluster_node_dir "$node")
  if pid=$(_cluster_read_pid "$dir/rabbitmq.pid"); then
    case "$(ps -ww -p "$pid" -o args= 2> /dev/null)" in
      *"-hmall_cluster_node $(cluster_node_name "$node")"*) echo "$pid"; found=0 ;;
    esac
  fi
  if pid=$(_cluster_read_pid "$dir/launcher.pid"); then
    case "$(ps -ww -p "$pid" -o args= 2> /dev/null)" in
      *rabbitmq-server*) echo "$pid"; found=0 ;;
    esac
  fi
  return "$found"
}

_cluster_read_pid() {
  local pid
  [ -f "$1" ] || return 1
  pid=$(cat "$1" 2> /dev/null) || return 1
  case "$pid" in '' | *[!0-9]*) return 1 ;; esac
  echo "$pid"
}
