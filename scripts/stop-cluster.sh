#!/usr/bin/env bash
# Stops the RabbitMQ nodes scripts/start-cluster.sh started (the same HMALL_CLUSTER_* variables
# name them), and nothing else: the usual broker on 5672 and any other node keep running.
#
#   scripts/stop-cluster.sh                 stop the three nodes, keep their data (start-cluster.sh
#                                           starts them again with their queues and messages)
#   scripts/stop-cluster.sh --node N        stop node N only (1, 2 or 3): a node failure, for the
#                                           lesson; start-cluster.sh brings it back
#   scripts/stop-cluster.sh --delete-data   stop them, then delete their folder (.cluster/), cookie
#                                           included; HMALL_CLUSTER_DELETE_DATA=true does the same
# Safe to run twice.
set -euo pipefail

usage() {
  echo "usage: scripts/stop-cluster.sh [--node N] [--delete-data]"
}

only_node=""
delete_data=${HMALL_CLUSTER_DELETE_DATA:-false}
while [ "$#" -gt 0 ]; do
  case "$1" in
    --node)
      [ "$#" -ge 2 ] || { usage >&2; exit 2; }
      case "$2" in 1 | 2 | 3) only_node=$2 ;; *) usage >&2; exit 2 ;; esac
      shift
      ;;
    --delete-data) delete_data=true ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
  shift
done
if [ -n "$only_node" ] && [ "$delete_data" = true ]; then
  echo "stop-cluster: --delete-data deletes the whole cluster's folder; not with --node" >&2
  exit 2
fi

# shellcheck source-path=SCRIPTDIR source=lib/cluster.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/cluster.sh"

if ! cluster_sbin > /dev/null; then
  echo "stop-cluster: no RabbitMQ installation found (HMALL_RABBITMQ_SBIN); nothing to stop" >&2
  exit 1
fi

# Waits (at most 60 s) until every PID given is gone.
wait_for_exit() {
  local waited=0 pid
  for pid in "$@"; do
    while kill -0 "$pid" 2> /dev/null; do
      [ "$waited" -lt 120 ] || return 1
      sleep 0.5
      waited=$((waited + 1))
    done
  done
}

stop_node() {
  local node=$1 name pids
  name=$(cluster_node_name "$node")
  pids=$(cluster_node_pids "$node" | paste -sd ' ' -) || pids=""
  # shellcheck disable=SC2086  # $pids: PIDs, split on purpose
  if cluster_node_answers "$node" && cluster_cli rabbitmqctl "$node" -q stop > /dev/null 2>&1 \
    && wait_for_exit $pids; then
    rm -f "$(cluster_node_dir "$node")/launcher.pid"
    echo "Stopped $name"
    return 0
  fi
  if [ -n "$pids" ]; then
    # Alive but not answering its CLI (still booting, or stuck): SIGTERM, which the
    # rabbitmq-server script passes on to the VM, and which the VM takes as a clean stop.
    # shellcheck disable=SC2086
    kill -TERM $pids 2> /dev/null || true
    # shellcheck disable=SC2086
    if wait_for_exit $pids; then
      rm -f "$(cluster_node_dir "$node")/launcher.pid"
      echo "Stopped $name (pids $pids)"
    else
      echo "stop-cluster: $name (pids $pids) did not stop within 60s" >&2
      return 1
    fi
  else
    echo "$name is not running"
  fi
}

nodes=("${CLUSTER_NODES[@]}")
[ -z "$only_node" ] || nodes=("$only_node")
failed=false
# The newest members first: the first node, which the others joined, is the last to stop.
for ((i = ${#nodes[@]} - 1; i >= 0; i--)); do
  stop_node "${nodes[i]}" || failed=true
done
[ "$failed" = false ] || exit 1

if [ "$delete_data" = true ]; then
  if [ -d "$CLUSTER_DIR" ]; then
    # Only a folder start-cluster.sh made (it holds the marker), never whatever HMALL_CLUSTER_DIR names.
    if [ ! -f "$CLUSTER_DIR/$CLUSTER_MARKER" ]; then
      echo "stop-cluster: $CLUSTER_DIR was not made by start-cluster.sh ($CLUSTER_MARKER missing); not deleting it" >&2
      exit 1
    fi
    rm -rf -- "$CLUSTER_DIR"
    echo "Deleted $CLUSTER_DIR"
  else
    echo "$CLUSTER_DIR does not exist: no data to delete"
  fi
fi
