#!/usr/bin/env bash
# Stops the services scripts/start-local.sh started (coupon-service too, when it was asked for): exactly the processes whose PIDs it recorded
# in .run/<service>.pid (HMALL_RUN_DIR), and .run/<service>-2.pid for the second instances HMALL_INSTANCES=2
# started (whatever HMALL_INSTANCES says now), and only while such a PID still runs that service's jar. Asks each to stop
# (TERM, so Spring shuts down gracefully), waits, and kills what is left. Safe to run again.
#
# Environment: STOP_TIMEOUT_SECONDS 30 (how long to wait before KILL).
set -euo pipefail

if [ "$#" -ne 0 ]; then
  echo "usage: scripts/stop-local.sh   (no arguments)" >&2
  exit 2
fi

# shellcheck source-path=SCRIPTDIR source=lib/local-services.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/local-services.sh"
cd "$ROOT"

: "${STOP_TIMEOUT_SECONDS:=30}"

# "service:instance:pid" triples asked to stop and not yet gone.
stopping=""
for instance in 1 2; do
  for service in "${SERVICES[@]}" "${OPTIONAL_SERVICES[@]}"; do
    pid_file=$(pid_file_of "$service" "$instance")
    [ -f "$pid_file" ] || continue
    name=$(instance_name "$service" "$instance")
    if pid=$(recorded_pid "$service" "$instance"); then
      echo "Stopping $name (pid $pid)"
      kill -TERM "$pid" 2> /dev/null || true
      stopping="$stopping $service:$instance:$pid"
    else
      echo "$name is not running; removing its stale ${pid_file#"$ROOT/"}"
      rm -f "$pid_file"
    fi
  done
done

if [ -z "$stopping" ]; then
  echo "Nothing to stop."
  exit 0
fi

# Drops from $stopping the triples whose process is gone, removing their PID files.
drop_stopped() {
  local triple service instance pid left=""
  for triple in $stopping; do
    service=${triple%%:*}
    instance=${triple#*:}
    instance=${instance%%:*}
    pid=${triple##*:}
    if is_service_process "$pid" "$service"; then
      left="$left $triple"
    else
      rm -f "$(pid_file_of "$service" "$instance")"
      echo "  $(instance_name "$service" "$instance") stopped"
    fi
  done
  stopping=$left
}

deadline=$((SECONDS + STOP_TIMEOUT_SECONDS))
while :; do
  drop_stopped
  [ -n "$stopping" ] || break
  if [ "$SECONDS" -ge "$deadline" ]; then
    for triple in $stopping; do
      service=${triple%%:*}
      instance=${triple#*:}
      instance=${instance%%:*}
      pid=${triple##*:}
      echo "  $(instance_name "$service" "$instance") did not stop within ${STOP_TIMEOUT_SECONDS}s: killing pid $pid"
      kill -KILL "$pid" 2> /dev/null || true
    done
    sleep 1
    drop_stopped
    if [ -n "$stopping" ]; then
      echo "stop-local: still running after KILL:$stopping" >&2
      exit 1
    fi
    break
  fi
  sleep 1
done
echo "All stopped."
