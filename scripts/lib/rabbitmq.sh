# shellcheck shell=bash
# Sourced by the scripts that reach RabbitMQ (start-local.sh, start-cluster.sh): whether a broker
# answers at an address, and which entry of an address list (RABBITMQ_ADDRESSES) answers first.
#
#   hmall_tcp_answers HOST PORT         succeeds when something accepts TCP connections there
#                                       (bounded to 5 s where `timeout` exists)
#   hmall_first_answering_address LIST  LIST is comma-separated host:port (port 5672 when left out,
#                                       [v6]:port for IPv6, spaces ignored), as Spring Boot reads
#                                       spring.rabbitmq.addresses; prints the first entry that
#                                       answers as host:port, fails when none does
#
# Like ports.sh: bash 3.2, no `set -e` traps, the caller's options left as they are.

# shellcheck disable=SC2016  # $1 and $2 are expanded by the inner bash, on purpose
hmall_tcp_answers() {
  if command -v timeout > /dev/null 2>&1; then
    timeout 5 bash -c 'exec 3<> "/dev/tcp/$1/$2"' _ "$1" "$2" 2> /dev/null
  else
    bash -c 'exec 3<> "/dev/tcp/$1/$2"' _ "$1" "$2" 2> /dev/null
  fi
}

hmall_first_answering_address() {
  local list=$1 entry host port rest
  rest="${list// /},"
  while [ -n "$rest" ]; do
    entry=${rest%%,*}
    rest=${rest#*,}
    [ -n "$entry" ] || continue
    case "$entry" in
      \[*\]:*) host=${entry%%]:*}; host=${host#[}; port=${entry##*]:} ;;
      \[*\]) host=${entry#[}; host=${host%]}; port=5672 ;;
      *:*) host=${entry%:*}; port=${entry##*:} ;;
      *) host=$entry; port=5672 ;;
    esac
    if hmall_tcp_answers "$host" "$port"; then
      echo "$host:$port"
      return 0
    fi
  done
  return 1
}
