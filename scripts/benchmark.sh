#!/usr/bin/env bash
# Payment load benchmark against the running suite (start it first: scripts/start-local.sh).
#
# For sync and async mode, with 0 and 50 ms latency on trade-, notify- and points-service, at fixed
# concurrency levels: payments per second, pay latency p50/p95/p99, errors, end-to-end lag p50/p99
# (async; from the consumers' hmall_payment_lag_seconds histograms), every effect checked
# afterwards, and CPU and peak RSS of every service process, MariaDB, RabbitMQ and wrk.
# The load tool is wrk (Debian package, pinned below) driven by benchmark/pay.lua; the data, the
# knobs and the report are benchmark/bench.py (Python 3 standard library). See docs/benchmarks.md.
#
# Environment (defaults):
#   BENCH_MODES "sync async"   BENCH_LATENCIES_MS "0 50"   BENCH_CONCURRENCY "1 8 32"
#   BENCH_DURATION 20 (s per measured run)   BENCH_THROUGHPUT_DURATION 60 (s, async with 0 ms)
#   BENCH_GLOBAL_WARMUP 30 (s of async payments first, not counted)
#   BENCH_WARMUP 5 (s per configuration, not counted)   BENCH_USERS 64   BENCH_WRK_THREADS 2
#   BENCH_PREP_PARALLEL 24   BENCH_TRADE_CHECK all (or a sample size)   BENCH_DRAIN_TIMEOUT 180   BENCH_LAG_WAIT 15
#   BENCH_OUT benchmark/target/<UTC timestamp>
#   BENCH_CEILING 0 (1: first benchmark/ceiling.sh, MariaDB's and RabbitMQ's own ceiling for the
#     payment's pattern, while the suite idles)
#   USER_SERVICE_URL TRADE_SERVICE_URL PAY_SERVICE_URL NOTIFY_SERVICE_URL POINTS_SERVICE_URL
#     (http://127.0.0.1:8081 ... 8085)
# The suite's BCrypt strength is read from user-service's environment: run the suite as shipped
# (strength 10), or restart it with USER_PASSWORD_BCRYPT_STRENGTH=4 scripts/start-local.sh.
#
# On exit, also on error or Ctrl-C, every chaos knob goes back to {"latencyMs":0,"outage":false}
# and pay-service back to the mode it was in. Exit status: 0 done, 1 a run failed or was
# interrupted, 2 usage, 3 missing tool or the suite not up.
set -euo pipefail

WRK_VERSION="4.1.0-3+b2"   # Debian bookworm's wrk 4.1.0

case "${1:-}" in
  -h | --help)
    sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'
    exit 0
    ;;
  '') ;;
  *)
    echo "usage: scripts/benchmark.sh [--help]   (configure it through the environment)" >&2
    exit 2
    ;;
esac

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)

installed=$(dpkg-query -W -f='${Version}' wrk 2> /dev/null || true)
if [ "$installed" != "$WRK_VERSION" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get > /dev/null; then
    echo "benchmark: installing wrk $WRK_VERSION (found: ${installed:-none})" >&2
    apt-get install -y -q "wrk=$WRK_VERSION" > /dev/null \
      || { apt-get update -q > /dev/null && apt-get install -y -q "wrk=$WRK_VERSION" > /dev/null; } \
      || { echo "benchmark: could not install wrk=$WRK_VERSION" >&2; exit 3; }
  else
    echo "benchmark: needs wrk $WRK_VERSION (found: ${installed:-none}): sudo apt-get install wrk=$WRK_VERSION" >&2
    exit 3
  fi
fi
command -v python3 > /dev/null || { echo "benchmark: needs python3 (3.8 or newer)" >&2; exit 3; }

# The infrastructure's own ceiling first, on the same machine in the same run, while the suite idles.
# bench.py sets the suite's rate against it in its report.
if [ "${BENCH_CEILING:-0}" = 1 ]; then
  "$ROOT/benchmark/ceiling.sh"
  export BENCH_CEILING_FILE="$ROOT/benchmark/target/ceiling/ceiling.json"
fi
exec python3 "$ROOT/benchmark/bench.py"
