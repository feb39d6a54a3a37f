#!/usr/bin/env bash
# The infrastructure's ceiling on this machine, with nothing of the suite involved: how many
# payments per second MariaDB and RabbitMQ could take alone, with the payment's pattern and the
# suite's durability (commits fsync'd, quorum queues, publisher confirms, persistent messages).
# Run it on a quiet machine with the suite stopped, right before or after scripts/benchmark.sh, and
# set the suite's rate against it (docs/benchmarks.md).
#
#   MariaDB: one payment commits 7 times (the claim, the deduction, the pay order paid with its
#   outbox row, the outbox row sent, one effect in each of three consumers). mysqlslap (MariaDB's
#   own) runs CEILING_QUERIES single-row autocommit INSERTs from 32 connections; payments/s is
#   commits/s / 7.
#   RabbitMQ: one payment is one persistent, confirmed message, routed to three quorum queues and
#   acknowledged by one consumer on each. RabbitMQ PerfTest (com.rabbitmq:perf-test from Maven
#   Central) publishes to three quorum queues, one confirming producer (64 in flight) and one
#   acknowledging consumer each, for CEILING_SECONDS; it sends every message to one queue, so three
#   of its messages stand for one payment's three deliveries (a payment publishes once: this is a
#   lower bound of the broker's ceiling).
#
# Environment: CEILING_SECONDS 30, CEILING_QUERIES 40000, MYSQL_HOST/MYSQL_PORT/MYSQL_USER/
# MYSQL_PASSWORD (127.0.0.1, 3306, root, empty), RABBITMQ_URI amqp://guest:guest@127.0.0.1:5672.
# It creates and drops the database hm_ceiling and the queues hmall-ceiling-1..3 in vhost /.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
SECONDS_TO_RUN=${CEILING_SECONDS:-30}
QUERIES=${CEILING_QUERIES:-40000}
PERF_TEST_VERSION=2.22.1
OUT=$ROOT/benchmark/target/ceiling
mkdir -p "$OUT"
# Both figures, for scripts/benchmark.sh to set the suite's rate against (BENCH_CEILING=1); written
# only once both are measured.
rm -f "$OUT/ceiling.json"

echo "== MariaDB: $QUERIES single-row commits from 32 connections"
mysqlslap -h "${MYSQL_HOST:-127.0.0.1}" -P "${MYSQL_PORT:-3306}" -u "${MYSQL_USER:-root}" \
  ${MYSQL_PASSWORD:+-p"$MYSQL_PASSWORD"} --create-schema=hm_ceiling --concurrency=32 --iterations=1 \
  --number-of-queries="$QUERIES" \
  --create="CREATE TABLE commits (id BIGINT AUTO_INCREMENT PRIMARY KEY, pay_order_no VARCHAR(64), amount BIGINT) ENGINE=InnoDB" \
  --query="INSERT INTO commits (pay_order_no, amount) VALUES (UUID(), 1000)" | tee "$OUT/mysqlslap.txt"
seconds=$(sed -n 's/.*Average number of seconds to run all queries: \([0-9.]*\) seconds.*/\1/p' "$OUT/mysqlslap.txt")
commits=$(python3 -c "print(f'{$QUERIES / $seconds:.0f}')")
echo "MariaDB: $commits commits/s = $(python3 -c "print(f'{$commits / 7:.0f}')") payments/s at 7 commits each"

echo "== RabbitMQ: PerfTest $PERF_TEST_VERSION, ${SECONDS_TO_RUN}s, three quorum queues, confirms, persistent"
pom=$OUT/perf-test-pom.xml
cat > "$pom" << POM
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
<groupId>hmall.benchmark</groupId><artifactId>perf-test-classpath</artifactId><version>1</version>
<dependencies><dependency><groupId>com.rabbitmq</groupId><artifactId>perf-test</artifactId>
<version>$PERF_TEST_VERSION</version></dependency></dependencies></project>
POM
"$ROOT/mvnw" -q -f "$pom" dependency:build-classpath -Dmdep.outputFile="$OUT/perf-test.classpath" > /dev/null
java -cp "$(cat "$OUT/perf-test.classpath")" com.rabbitmq.perf.PerfTest \
  --uri "${RABBITMQ_URI:-amqp://guest:guest@127.0.0.1:5672}" \
  --queue-pattern 'hmall-ceiling-%d' --queue-pattern-from 1 --queue-pattern-to 3 \
  --producers 3 --consumers 3 --quorum-queue --flag persistent --confirm 64 \
  --size 400 --time "$SECONDS_TO_RUN" --auto-delete false --interval 5 2>&1 | tee "$OUT/perf-test.txt"
# Quorum queues cannot be auto-deleted: removed here (rabbitmqctl, on the broker's machine).
for i in 1 2 3; do rabbitmqctl -q delete_queue "hmall-ceiling-$i" > /dev/null 2>&1 || true; done
confirmed=$(sed -n 's/.*sending rate avg: \([0-9]*\) msg\/s.*/\1/p' "$OUT/perf-test.txt" | tail -n 1)
echo "RabbitMQ: $confirmed messages/s sent and confirmed over three queues = $(python3 -c "print(f'{${confirmed:-0} / 3:.0f}')") payments/s at three deliveries each"
python3 -c "import json, sys; json.dump({'mariadb_commits_per_s': float(sys.argv[1]), 'commits_per_payment': 7,
 'rabbitmq_messages_per_s': float(sys.argv[2]), 'deliveries_per_payment': 3}, open(sys.argv[3], 'w'))" \
  "$commits" "${confirmed:?PerfTest printed no sending rate}" "$OUT/ceiling.json"
