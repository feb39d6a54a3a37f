#!/usr/bin/env bash
# The command of rabbitmq-2 and rabbitmq-3 (docker compose --profile cluster): one Erlang cookie,
# peer discovery, and a replica of every quorum queue on this node too.
#
# - The cookie is the seed's: its data volume is mounted read-only at /seed, and the seed has written
#   its cookie there before this container starts (it waits for the seed to be healthy). Every node
#   of a cluster must share it.
# - The node then starts as the image starts it (docker-entrypoint.sh rabbitmq-server) and joins the
#   seed by itself (40-cluster.conf).
# - Once it runs, it takes a member of every quorum queue declared before it joined (rabbitmq-queues
#   grow): a queue declared while the seed was alone has one member only, and a cluster of three is
#   only worth it when every queue is on all three. Queues declared later get all three anyway.
set -euo pipefail

install -o rabbitmq -g rabbitmq -m 400 /seed/.erlang.cookie /var/lib/rabbitmq/.erlang.cookie

docker-entrypoint.sh rabbitmq-server &
server=$!
# docker stop sends TERM to this script (PID 1): hand it to the node and wait for its clean stop.
trap 'kill -TERM "$server" 2> /dev/null; wait "$server"; exit $?' TERM INT

until gosu rabbitmq rabbitmq-diagnostics -q check_running > /dev/null 2>&1; do
  kill -0 "$server" 2> /dev/null || { wait "$server"; exit $?; }
  sleep 2
done
gosu rabbitmq rabbitmq-queues grow "rabbit@$(hostname)" all \
  || echo "join-and-grow: rabbitmq-queues grow failed; the queues keep the members they have" >&2
wait "$server"
