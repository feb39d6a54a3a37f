#!/usr/bin/env bash
# The classroom walkthrough: the lesson's claims about sync and async calls between services
# (同步调用 / 异步调用), shown and measured against a running suite, one chapter at a time.
# Run scripts/walkthrough.sh --help for the chapters, the environment and the exit status.
# Needs bash 5 (EPOCHREALTIME), curl and jq (and sleep, ps, sha256sum). Queue depths come live from the
# broker, through notify-service's GET /demo/chaos; chapter 5 starts coupon-service next to the running
# suite (the local launcher or docker compose, whichever runs it).
# docs/walkthrough.md tells the same story for reading.
set -euo pipefail

usage() {
  cat <<'EOF'
usage: scripts/walkthrough.sh [CHAPTER...]
       scripts/walkthrough.sh --help

Walks through the lesson against a running suite (scripts/start-local.sh or docker compose up),
printing what each chapter does, every call it makes and what it measured, then a table of the
lesson's claims: the claim, the measured number, held or not.

Chapters (with no argument all five run, in order; "scripts/walkthrough.sh 3" runs chapter 3 alone):
  1  sync (同步调用): trade, notify and points at 50 ms latency each; payment latency over several
     payments (median, min, max) next to the sum of the downstream latencies
  2  async (异步调用): the same latencies; payment latency, and how long until each consumer's
     effect is visible (order PAID, notification, points)
  3  cascading failure (级联失败): notify-service down, the sync payment fails with
     502 DOWNSTREAM_FAILED, the money comes back, order UNPAID, pay order WAITING
  4  fault isolation: the same outage, the async payment succeeds, trade and points are done, the
     message waits in notify's queue; outage lifted, the notification arrives
  5  extensibility (拓展性): async mode; records pay-service's process and jar checksum, starts
     coupon-service (HMALL_EXTRA_SERVICES=coupon-service scripts/start-local.sh, or docker compose
     --profile coupon up -d coupon-service), pays, shows the coupon and the console's new lane, and
     that pay-service's process and jar are unchanged; then the price in sync mode: the patch
     pay-service would need (docs/sync-coupon.patch) and the latency one more call adds, measured.
     coupon-service keeps running afterwards (scripts/stop-local.sh, or docker compose --profile
     coupon stop coupon-service, stops it)

Every chapter makes its own user (random username, pay password "walk-123") and orders. On exit,
also on Ctrl-C or an error, the chaos knobs go back to calm (latency 0, no outage) and pay-service
back to the mode it was in before.

Environment (defaults):
  USER_SERVICE_URL    http://127.0.0.1:8081     TRADE_SERVICE_URL   http://127.0.0.1:8082
  PAY_SERVICE_URL     http://127.0.0.1:8083     NOTIFY_SERVICE_URL  http://127.0.0.1:8084
  POINTS_SERVICE_URL  http://127.0.0.1:8085     COUPON_SERVICE_URL  http://127.0.0.1:8086
  CONSOLE_URL         http://127.0.0.1:8080 (chapter 5 reads the payment's lanes there)
  WALK_SETUP auto (chapter 5: local, compose, or auto: the launcher's if its PID file names a running
    pay-service, else docker compose's if a pay-service container runs). The local launcher's own
    variables (HMALL_RUN_DIR, RABBITMQ_VHOST, HMALL_DATABASE_SUFFIX, ...) reach it unchanged.
  WALK_PAYMENTS 10           payments measured in chapters 1 and 2
  WALK_LATENCY_MS 50         latency put on trade, notify and points in chapters 1 and 2
  WALK_TIMEOUT_SECONDS 30    how long to wait for an effect to become visible
Against docker compose nothing needs to be set, unless its ports or its broker password were changed.

Exit status: 0 every claim held (a skipped chapter does not count against it), 1 a claim did not
hold, 2 usage error, 3 the walkthrough could not run (suite not reachable, unexpected answer).
EOF
}

# ---------------------------------------------------------------------------------------------
# Configuration

# Each may be a list of a service's instances (pay-service's form, HMALL_INSTANCES=2): the first one's
# knobs and data are the walkthrough's.
USER_URL=${USER_SERVICE_URL:-http://127.0.0.1:8081}
USER_URL=${USER_URL%%,*}
TRADE_URL=${TRADE_SERVICE_URL:-http://127.0.0.1:8082}
TRADE_URL=${TRADE_URL%%,*}
PAY_URL=${PAY_SERVICE_URL:-http://127.0.0.1:8083}
PAY_URL=${PAY_URL%%,*}
NOTIFY_URL=${NOTIFY_SERVICE_URL:-http://127.0.0.1:8084}
NOTIFY_URL=${NOTIFY_URL%%,*}
POINTS_URL=${POINTS_SERVICE_URL:-http://127.0.0.1:8085}
POINTS_URL=${POINTS_URL%%,*}
COUPON_URL=${COUPON_SERVICE_URL:-http://127.0.0.1:8086}
COUPON_URL=${COUPON_URL%%,*}
CONSOLE=${CONSOLE_URL:-http://127.0.0.1:8080}
PAYMENTS=${WALK_PAYMENTS:-10}
LATENCY_MS=${WALK_LATENCY_MS:-50}
TIMEOUT_SECONDS=${WALK_TIMEOUT_SECONDS:-30}

PASSWORD=walk-123
BALANCE=1000000          # fen: 10000 yuan, plenty for every chapter
AMOUNT=1000              # fen per payment: 10 yuan, so 10 points
NOTIFY_QUEUE=notify.pay.success.queue
COUPON_PATCH=docs/sync-coupon.patch
CHAOS_SERVICES=(user-service trade-service notify-service points-service)

url_of() {
  case "$1" in
    user-service) echo "$USER_URL" ;;
    trade-service) echo "$TRADE_URL" ;;
    pay-service) echo "$PAY_URL" ;;
    notify-service) echo "$NOTIFY_URL" ;;
    points-service) echo "$POINTS_URL" ;;
    coupon-service) echo "$COUPON_URL" ;;
  esac
}

# Where the suite's processes are, for chapter 5: the launcher's PID files and jars.
# shellcheck source-path=SCRIPTDIR source=lib/local-services.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/local-services.sh"

# ---------------------------------------------------------------------------------------------
# Arguments

CHAPTERS=()
for arg in "$@"; do
  case "$arg" in
    -h | --help) usage; exit 0 ;;
    [1-5]) CHAPTERS+=("$arg") ;;
    *) echo "walkthrough: unknown argument '$arg' (chapters are 1 to 5)" >&2; usage >&2; exit 2 ;;
  esac
done
[ "${#CHAPTERS[@]}" -gt 0 ] || CHAPTERS=(1 2 3 4 5)
for value in "$PAYMENTS" "$LATENCY_MS" "$TIMEOUT_SECONDS"; do
  case "$value" in
    '' | *[!0-9]*) echo "walkthrough: WALK_PAYMENTS, WALK_LATENCY_MS and WALK_TIMEOUT_SECONDS must be whole numbers" >&2; exit 2 ;;
  esac
done
if [ "$PAYMENTS" -lt 1 ] || [ "$LATENCY_MS" -lt 1 ] || [ "$LATENCY_MS" -gt 10000 ]; then
  echo "walkthrough: WALK_PAYMENTS must be at least 1 and WALK_LATENCY_MS 1 to 10000" >&2
  exit 2
fi
if [ -z "${EPOCHREALTIME:-}" ]; then
  echo "walkthrough: needs bash 5 or later (for EPOCHREALTIME)" >&2
  exit 3
fi
for tool in curl jq; do
  command -v "$tool" > /dev/null || { echo "walkthrough: needs $tool on the PATH" >&2; exit 3; }
done

# ---------------------------------------------------------------------------------------------
# Printing, time and numbers

say() { printf '  %s\n' "$*"; }
note() { printf '  - %s\n' "$*"; }

chapter() {
  echo
  echo "=================================================================================="
  echo "Chapter $1. $2"
  echo "=================================================================================="
  CURRENT_CHAPTER=$1
}

abort() {
  if [ "${CURRENT_CHAPTER:-0}" = 0 ]; then
    echo "walkthrough: $*" >&2
  else
    echo "walkthrough: chapter $CURRENT_CHAPTER: $*" >&2
  fi
  exit 3
}

# Microseconds since the epoch, from bash itself (whatever the locale's decimal separator).
now_us() {
  local t=${EPOCHREALTIME//[!0-9]/}
  echo $((10#$t))
}

# curl's %{time_total} ("0.161934", seconds) in microseconds.
to_us() {
  local whole=${1%%.*} frac=0
  [ "$1" = "$whole" ] || frac=${1#*.}
  frac="${frac}000000"
  echo $((10#$whole * 1000000 + 10#${frac:0:6}))
}

# Microseconds as "161.9 ms".
ms() {
  local tenths=$((($1 + 50) / 100))
  printf '%d.%d ms' $((tenths / 10)) $((tenths % 10))
}

# median, min and max (microseconds, tab-separated) of the arguments.
stats() {
  printf '%s\n' "$@" | jq -rs 'sort | length as $n
    | [ (if $n % 2 == 1 then .[($n - 1) / 2] else (.[$n / 2 - 1] + .[$n / 2]) / 2 end | floor),
        .[0], .[-1] ] | @tsv'
}

# ---------------------------------------------------------------------------------------------
# HTTP: every call sets STATUS, BODY and MICROS (curl's time_total); `call` also prints it.

QUIET=0

# request [curl options...] -- METHOD URL [JSON]
request() {
  local opts=()
  while [ "$1" != -- ]; do opts+=("$1"); shift; done
  shift
  local method=$1 url=$2 data=${3-} out rc=0
  opts+=(-sS -X "$method" --max-time 30 -w '\n%{http_code} %{time_total}')
  [ -z "$data" ] || opts+=(-H 'Content-Type: application/json' --data-binary "$data")
  out=$(curl "${opts[@]}" "$url" 2> /dev/null) || rc=$?
  if [ "$rc" -ne 0 ]; then
    STATUS=000 BODY="(no answer: curl exit $rc)" MICROS=0
    return 0
  fi
  local last=${out##*$'\n'}
  BODY=${out%$'\n'*}
  STATUS=${last%% *}
  MICROS=$(to_us "${last#* }")
}

http() { request -- "$@"; }

show_call() {
  local method=$1 url=$2 data=${3-} body
  body=$BODY
  [ "${#body}" -le 220 ] || body="${body:0:220}..."
  printf '    %s %s%s\n' "$method" "$url" "${data:+ $data}"
  printf '      -> %s in %s  %s\n' "$STATUS" "$(ms "$MICROS")" "$body"
}

call() {
  http "$@"
  [ "$QUIET" = 1 ] || show_call "$@"
}

# field FILTER: jq -r on the last BODY; empty when it is not JSON or the field is missing.
field() { jq -r "$1 // empty" <<< "$BODY" 2> /dev/null || true; }

need() {
  local wanted=$1 what=$2 code
  for code in ${wanted//|/ }; do
    [ "$STATUS" != "$code" ] || return 0
  done
  abort "$what: expected HTTP $wanted, got $STATUS: $BODY"
}

# ---------------------------------------------------------------------------------------------
# The suite: knobs, mode, users, orders, payments

ORIGINAL_MODE=""
TOUCHED=0
COUPON_TOUCHED=0

set_chaos() {
  local service=$1 latency=$2 outage=$3
  TOUCHED=1
  call PUT "$(url_of "$service")/demo/chaos" "{\"latencyMs\":$latency,\"outage\":$outage}"
  need 200 "setting the chaos knobs of $service"
}

# set_knobs USER TRADE NOTIFY POINTS: latency in ms each; NOTIFY_OUTAGE (true/false) for notify.
set_knobs() {
  local outage=${NOTIFY_OUTAGE:-false}
  set_chaos user-service "$1" false
  set_chaos trade-service "$2" false
  set_chaos notify-service "$3" "$outage"
  set_chaos points-service "$4" false
}

set_mode() {
  TOUCHED=1
  call PUT "$PAY_URL/mode" "{\"mode\":\"$1\"}"
  need 200 "switching pay-service to $1"
}

new_user() {
  local name="walk_${EPOCHSECONDS}_${RANDOM}${RANDOM}"
  call POST "$USER_URL/users" "{\"username\":\"$name\",\"password\":\"$PASSWORD\",\"balance\":$BALANCE}"
  need 201 "creating a user"
  USER_ID=$(field .id)
  [ -n "$USER_ID" ] || abort "creating a user: no id in $BODY"
}

# new_orders: a trade order of AMOUNT for USER_ID and its pay order (ORDER_ID, PAY_ID, PAY_NO).
new_orders() {
  call POST "$TRADE_URL/orders" "{\"userId\":$USER_ID,\"amount\":$AMOUNT}"
  need 201 "creating a trade order"
  ORDER_ID=$(field .id)
  call POST "$PAY_URL/pay-orders" "{\"bizOrderNo\":$ORDER_ID,\"userId\":$USER_ID,\"amount\":$AMOUNT}"
  need '200|201' "applying for a pay order"
  PAY_ID=$(field .id)
  PAY_NO=$(field .payOrderNo)
  if [ -z "$ORDER_ID" ] || [ -z "$PAY_ID" ] || [ -z "$PAY_NO" ]; then
    abort "orders without ids: $BODY"
  fi
}

# pay: the balance payment of PAY_ID; STATUS, BODY, MICROS as for any call; PAID_AT_US its start.
pay() {
  PAID_AT_US=$(now_us)
  call POST "$PAY_URL/pay-orders/$PAY_ID/balance-payments" "{\"password\":\"$PASSWORD\"}"
}

order_paid() {
  http GET "$TRADE_URL/orders/$ORDER_ID"
  [ "$STATUS" = 200 ] && [ "$(field .status)" = PAID ]
}
notified() {
  http GET "$NOTIFY_URL/notifications?userId=$USER_ID"
  [ "$STATUS" = 200 ] && jq -e --arg no "$PAY_NO" 'any(.[]; .payOrderNo == $no)' <<< "$BODY" > /dev/null 2>&1
}
points_awarded() {
  http GET "$POINTS_URL/points/$USER_ID"
  [ "$STATUS" = 200 ] && jq -e --arg no "$PAY_NO" 'any(.history[]; .payOrderNo == $no)' <<< "$BODY" > /dev/null 2>&1
}

# wait_for CHECK FROM_US: polls CHECK (order_paid, notified, points_awarded) until it holds or the
# timeout passes; WAITED_US is the time from FROM_US until it was first seen to hold (empty if never).
wait_for() {
  local check=$1 from=$2 deadline
  deadline=$(($(now_us) + TIMEOUT_SECONDS * 1000000))
  WAITED_US=""
  while :; do
    if "$check"; then
      WAITED_US=$(($(now_us) - from))
      return 0
    fi
    [ "$(now_us)" -lt "$deadline" ] || return 0
    sleep 0.02
  done
}

# ---------------------------------------------------------------------------------------------
# The broker: queue depths live through notify-service

# read_depth QUEUE: DEPTH is the number of messages ready in it (empty when it cannot be read), as
# the broker counts them at this moment: notify-service asks it with a passive queue.declare, so the
# figure is never the management API's statistics of up to five seconds ago.
read_depth() {
  local queue=$1
  DEPTH=""
  DEPTH_HOW="GET $NOTIFY_URL/demo/chaos (.queues: live from the broker)"
  http GET "$NOTIFY_URL/demo/chaos"
  [ "$STATUS" = 200 ] || return 0
  DEPTH=$(jq -r --arg q "$queue" 'first(.queues[]? | select(.name == $q) | .messages) // empty' <<< "$BODY" \
    2> /dev/null || true)
}

# await_depth QUEUE OP N: reads the depth until it is OP N (-gt, -le, ...) or 10 s have passed;
# DEPTH is the last reading.
await_depth() {
  local queue=$1 op=$2 than=$3 deadline=$(($(now_us) + 10 * 1000000))
  while :; do
    read_depth "$queue"
    if [ -n "$DEPTH" ] && test "$DEPTH" "$op" "$than"; then return 0; fi
    [ "$(now_us)" -lt "$deadline" ] || return 0
    sleep 0.1
  done
}

# ---------------------------------------------------------------------------------------------
# Claims and the final table

CLAIM_CHAPTER=() CLAIM_TEXT=() CLAIM_MEASURED=() CLAIM_RESULT=()
SYNC_MEDIAN_US=""

record() {
  CLAIM_CHAPTER+=("$CURRENT_CHAPTER")
  CLAIM_TEXT+=("$1")
  CLAIM_MEASURED+=("$2")
  CLAIM_RESULT+=("$3")
  echo
  say "Claim: $1"
  say "Measured: $2"
  say "=> $3"
}

print_table() {
  local i
  echo
  echo "=================================================================================="
  echo "The lesson's claims, as measured"
  echo "=================================================================================="
  printf '%-3s %-9s %s\n' ch result "claim / measured"
  for i in "${!CLAIM_TEXT[@]}"; do
    printf '%-3s %-9s %s\n' "${CLAIM_CHAPTER[$i]}" "${CLAIM_RESULT[$i]}" "${CLAIM_TEXT[$i]}"
    printf '%-3s %-9s   %s\n' "" "" "${CLAIM_MEASURED[$i]}"
  done
}

# ---------------------------------------------------------------------------------------------
# Restoring what the walkthrough changed, whatever way it ends

# shellcheck disable=SC2317  # invoked by the EXIT trap
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  set +e
  if [ "$TOUCHED" = 1 ]; then
    echo
    echo "Restoring: every chaos knob calm (latency 0, no outage), pay-service mode '$ORIGINAL_MODE'"
    local service calm=("${CHAOS_SERVICES[@]}")
    [ "$COUPON_TOUCHED" = 0 ] || calm+=(coupon-service)
    for service in "${calm[@]}"; do
      http PUT "$(url_of "$service")/demo/chaos" '{"latencyMs":0,"outage":false}'
      echo "    PUT $(url_of "$service")/demo/chaos {\"latencyMs\":0,\"outage\":false} -> $STATUS"
    done
    if [ -n "$ORIGINAL_MODE" ]; then
      http PUT "$PAY_URL/mode" "{\"mode\":\"$ORIGINAL_MODE\"}"
      echo "    PUT $PAY_URL/mode {\"mode\":\"$ORIGINAL_MODE\"} -> $STATUS"
    fi
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'echo; echo "walkthrough: interrupted" >&2; exit 130' INT
trap 'exit 143' TERM

# ---------------------------------------------------------------------------------------------
# Chapters

# sync_series: a fresh user, one warm-up payment (not counted) and PAYMENTS sync payments with the
# current knobs; prints each payment (every call of the first unless QUIET_SERIES=1) and sets
# SYNC_MEDIAN_US, SYNC_MIN_US, SYNC_MAX_US.
sync_series() {
  local quiet=${QUIET_SERIES:-0} i times=()
  QUIET=$quiet
  say "A fresh user, and one warm-up payment (not counted):"
  new_user
  new_orders
  pay
  need 200 "the warm-up sync payment"
  echo
  say "Now $PAYMENTS payments, each on a fresh trade order and pay order$([ "$quiet" = 1 ] || echo ' (calls shown for the first)'):"
  for ((i = 1; i <= PAYMENTS; i++)); do
    [ "$i" = 1 ] || QUIET=1
    new_orders
    pay
    QUIET=0
    need 200 "sync payment $i"
    [ "$(field .mode)" = sync ] || abort "payment $i ran in mode '$(field .mode)', not sync"
    times+=("$MICROS")
    say "payment $i/$PAYMENTS: POST /pay-orders/$PAY_ID/balance-payments -> $STATUS $(field .status) ($(field .mode)) in $(ms "$MICROS")"
  done
  QUIET=0
  IFS=$'\t' read -r SYNC_MEDIAN_US SYNC_MIN_US SYNC_MAX_US < <(stats "${times[@]}")
  echo
  say "Sync payment latency over $PAYMENTS payments: median $(ms "$SYNC_MEDIAN_US"), min $(ms "$SYNC_MIN_US"), max $(ms "$SYNC_MAX_US")"
  say "Sum of the downstream latencies:               $((3 * LATENCY_MS)) ms (trade ${LATENCY_MS} + notify ${LATENCY_MS} + points ${LATENCY_MS})"
}

chapter_1() {
  chapter 1 "Sync calls (同步调用): the payment waits for every downstream call"
  say "In sync mode pay-service deducts the balance (user-service), then calls trade-, notify- and"
  say "points-service one after another through OpenFeign and answers only when all three answered."
  say "Each of the three gets ${LATENCY_MS} ms of latency, so the payment should take at least their"
  say "sum: 3 x ${LATENCY_MS} ms = $((3 * LATENCY_MS)) ms (性能下降, degraded performance)."
  echo
  say "Setting up: sync mode, latency ${LATENCY_MS} ms on trade, notify and points, 0 on user-service."
  set_mode sync
  set_knobs 0 "$LATENCY_MS" "$LATENCY_MS" "$LATENCY_MS"
  sync_series
  echo
  say "And when the sync answer came, every effect of the last payment was already there (no waiting):"
  local effects=()
  if order_paid; then effects+=("order PAID"); else effects+=("order NOT paid"); fi
  if notified; then effects+=("notification sent"); else effects+=("NO notification"); fi
  if points_awarded; then effects+=("points awarded"); else effects+=("NO points"); fi
  note "trade order $ORDER_ID: ${effects[0]}; ${effects[1]}; ${effects[2]}"

  local verdict="NOT HELD"
  [ "$SYNC_MEDIAN_US" -lt $((3 * LATENCY_MS * 1000)) ] || verdict=held
  record "sync payment >= sum of downstream latencies ($((3 * LATENCY_MS)) ms)" \
    "median $(ms "$SYNC_MEDIAN_US") (min $(ms "$SYNC_MIN_US"), max $(ms "$SYNC_MAX_US"))" "$verdict"
}

# poll_effect CHECK NAME FROM_US: in the background, polls CHECK until it holds (or the timeout)
# and prints "NAME MICROSECONDS" (or "NAME never").
poll_effect() {
  wait_for "$1" "$3"
  echo "$2 ${WAITED_US:-never}"
}

# consumer_summary NAME TIMES...: prints how long NAME's effect took to show, adds it to CONSUMER_LINE.
consumer_summary() {
  local name=$1 c_median c_min c_max
  shift
  if [ "$#" -gt 0 ]; then
    IFS=$'\t' read -r c_median c_min c_max < <(stats "$@")
    say "$(printf '%-6s' "$name") effect visible after: median $(ms "$c_median"), min $(ms "$c_min"), max $(ms "$c_max") ($#/$PAYMENTS payments)"
    CONSUMER_LINE+="${CONSUMER_LINE:+, }$name $(ms "$c_median")"
  else
    say "$name effect: never seen within ${TIMEOUT_SECONDS}s"
    CONSUMER_LINE+="${CONSUMER_LINE:+, }$name never"
  fi
}

chapter_2() {
  chapter 2 "Async calls (异步调用): publish one event and answer at once"
  say "In async mode pay-service deducts the balance, marks its pay order paid and writes the"
  say "PaymentSucceeded event to its outbox in one transaction, answers, and publishes the event to the"
  say "topic exchange pay.topic (消息代理, message broker; 发布/订阅, publish/subscribe). trade-, notify-"
  say "and points-service each take it from their own queue, at their own pace: their ${LATENCY_MS} ms no"
  say "longer add up inside the payment."
  if [ -z "$SYNC_MEDIAN_US" ]; then
    echo
    say "Chapter 1 did not run, so first the sync baseline, measured the same way (calls not shown):"
    set_mode sync
    set_knobs 0 "$LATENCY_MS" "$LATENCY_MS" "$LATENCY_MS"
    QUIET_SERIES=1 sync_series
  fi
  echo
  say "Setting up: async mode, the same latencies (${LATENCY_MS} ms on trade, notify and points)."
  set_mode async
  set_knobs 0 "$LATENCY_MS" "$LATENCY_MS" "$LATENCY_MS"
  say "A fresh user, and one warm-up payment (not counted):"
  new_user
  new_orders
  pay
  need 200 "the warm-up async payment"
  wait_for order_paid "$PAID_AT_US"
  echo
  say "Now $PAYMENTS payments (calls shown for the first). After each answer the script polls, in"
  say "parallel, GET /orders/{id} (status PAID), GET /notifications?userId= and GET /points/{userId}"
  say "until the payment shows in each; the times run from sending the payment. Each poll is itself a"
  say "request to a service with ${LATENCY_MS} ms latency: read the times as upper bounds, ~${LATENCY_MS} ms coarse."
  local i times=() t_trade=() t_notify=() t_points=() missing=0 median min max line results name waited
  local seen sep
  for ((i = 1; i <= PAYMENTS; i++)); do
    [ "$i" = 1 ] || QUIET=1
    new_orders
    pay
    QUIET=0
    need 200 "async payment $i"
    [ "$(field .mode)" = async ] || abort "payment $i ran in mode '$(field .mode)', not async"
    times+=("$MICROS")
    line="payment $i/$PAYMENTS: -> $STATUS $(field .status) ($(field .mode)) in $(ms "$MICROS"); effects after:"
    results=$(
      poll_effect order_paid trade "$PAID_AT_US" &
      poll_effect notified notify "$PAID_AT_US" &
      poll_effect points_awarded points "$PAID_AT_US" &
      wait
    )
    seen=0 sep=""
    while read -r name waited; do
      [ -n "$name" ] || continue
      seen=$((seen + 1))
      case "$waited" in
        '' | never)
          missing=$((missing + 1))
          line+="${sep} $name NOT SEEN"
          sep=,
          ;;
        *)
          case "$name" in
            trade) t_trade+=("$waited") ;;
            notify) t_notify+=("$waited") ;;
            points) t_points+=("$waited") ;;
          esac
          line+="${sep} $name $(ms "$waited")"
          sep=,
          ;;
      esac
    done <<< "$results"
    missing=$((missing + 3 - seen))
    say "$line"
  done
  IFS=$'\t' read -r median min max < <(stats "${times[@]}")
  echo
  say "Async payment latency over $PAYMENTS payments: median $(ms "$median"), min $(ms "$min"), max $(ms "$max")"
  say "Sync payment latency, same knobs:              median $(ms "$SYNC_MEDIAN_US")"
  CONSUMER_LINE=""
  consumer_summary trade ${t_trade[@]+"${t_trade[@]}"}
  consumer_summary notify ${t_notify[@]+"${t_notify[@]}"}
  consumer_summary points ${t_points[@]+"${t_points[@]}"}
  say "Both modes share the deduction and the pay order's update; what async drops is the"
  say "$((3 * LATENCY_MS)) ms of the three follow-up calls, which now happen after the answer."

  local verdict="NOT HELD" saved=$((SYNC_MEDIAN_US - median)) ratio
  ratio=$((SYNC_MEDIAN_US * 10 / (median > 0 ? median : 1)))
  [ "$ratio" -lt 30 ] || verdict=held
  record "sync payment median at least 3x the async one (the lesson: 300 ms against 100 ms)" \
    "async $(ms "$median") vs sync $(ms "$SYNC_MEDIAN_US"): $(ms "$saved") less, $((ratio / 10)).$((ratio % 10))x faster" "$verdict"
  verdict="NOT HELD"
  [ "$missing" -ne 0 ] || verdict=held
  record "async: every consumer's effect arrives after the answer" \
    "$((3 * PAYMENTS - missing))/$((3 * PAYMENTS)) effects; medians $CONSUMER_LINE" "$verdict"
}

chapter_3() {
  chapter 3 "Cascading failure (级联失败): one service down fails the whole sync payment"
  say "notify-service goes into a (simulated) outage. In sync mode pay-service calls it after"
  say "trade-service, the call fails, and so does the payment: pay-service answers 502"
  say "DOWNSTREAM_FAILED naming notify-service and compensates what was done, newest first (the trade"
  say "order back to UNPAID, the pay order back to WAITING, the deduction refunded). No money is lost,"
  say "but nobody can pay while notify-service is down."
  echo
  say "Setting up: sync mode, no latency, notify-service in outage."
  set_mode sync
  NOTIFY_OUTAGE=true set_knobs 0 0 0 0
  new_user
  new_orders
  say "Paying:"
  pay
  local pay_status=$STATUS pay_us=$MICROS code service detail
  code=$(field .code)
  service=$(field .service)
  detail=$(field .detail)
  echo
  say "Afterwards:"
  call GET "$USER_URL/users/$USER_ID"
  local balance
  balance=$(field .balance)
  call GET "$TRADE_URL/orders/$ORDER_ID"
  local order_status
  order_status=$(field .status)
  call GET "$PAY_URL/pay-orders/$PAY_ID"
  local pay_order_status
  pay_order_status=$(field .status)
  call GET "$POINTS_URL/points/$USER_ID"
  note "points total $(field .total): points-service was never reached"
  echo
  note "payment: HTTP $pay_status, code $code, service '${service:-?}' in $(ms "$pay_us")"
  note "detail: $detail"
  note "balance $balance (was $BALANCE before the payment): $([ "$balance" = "$BALANCE" ] && echo 'the money came back' || echo 'NOT back')"
  note "trade order $ORDER_ID: $order_status; pay order $PAY_ID: $pay_order_status"

  local verdict="NOT HELD"
  if [ "$pay_status" = 502 ] && [ "$code" = DOWNSTREAM_FAILED ] \
    && { [ "$service" = notify-service ] || [[ "$detail" == *notify-service* ]]; } \
    && [ "$balance" = "$BALANCE" ] && [ "$order_status" = UNPAID ] && [ "$pay_order_status" = WAITING ]; then
    verdict=held
  fi
  record "sync payment fails when notify is down (money back, order UNPAID, pay order WAITING)" \
    "$pay_status $code (${service:-?}); balance $balance/$BALANCE; $order_status; $pay_order_status" "$verdict"
  echo
  say "Lifting the outage again."
  set_chaos notify-service 0 false
}

chapter_4() {
  chapter 4 "Fault isolation: the same outage, async"
  say "The same outage of notify-service, now in async mode. The payment only publishes an event, so"
  say "it succeeds; trade- and points-service consume theirs; notify-service's copy waits in"
  say "$NOTIFY_QUEUE until the service is back, and then the notification arrives."
  echo
  say "Setting up: async mode, no latency, notify-service in outage (it stops taking messages)."
  set_mode async
  NOTIFY_OUTAGE=true set_knobs 0 0 0 0
  local depth_before depth_during="" depth_after
  read_depth "$NOTIFY_QUEUE"
  depth_before=$DEPTH
  [ -n "$depth_before" ] || abort "cannot read the depth of $NOTIFY_QUEUE ($DEPTH_HOW answered $STATUS: $BODY)"
  say "Depth of $NOTIFY_QUEUE before the payment: $depth_before (read with: $DEPTH_HOW)"
  new_user
  new_orders
  say "Paying:"
  pay
  local pay_status=$STATUS pay_us=$MICROS pay_result
  pay_result="$(field .status) ($(field .mode))"
  echo
  say "Polling, in parallel, trade (order PAID) and points (award for $PAY_NO):"
  local results name waited trade_us="" points_us=""
  results=$(
    poll_effect order_paid trade "$PAID_AT_US" &
    poll_effect points_awarded points "$PAID_AT_US" &
    wait
  )
  while read -r name waited; do
    [ "$waited" != never ] || waited=""
    case "$name" in
      trade) trade_us=$waited ;;
      points) points_us=$waited ;;
    esac
  done <<< "$results"
  call GET "$TRADE_URL/orders/$ORDER_ID"
  call GET "$POINTS_URL/points/$USER_ID"
  say "notify-service, meanwhile:"
  call GET "$NOTIFY_URL/notifications?userId=$USER_ID"
  await_depth "$NOTIFY_QUEUE" -gt "$depth_before"
  depth_during=$DEPTH
  say "Depth of $NOTIFY_QUEUE while notify-service is down: ${depth_during:-?} (read with: $DEPTH_HOW)"
  echo
  say "Lifting the outage: notify-service starts its listener again and drains the queue."
  local lifted_at
  lifted_at=$(now_us)
  set_chaos notify-service 0 false
  wait_for notified "$lifted_at"
  local notify_us=$WAITED_US
  call GET "$NOTIFY_URL/notifications?userId=$USER_ID"
  await_depth "$NOTIFY_QUEUE" -le "$depth_before"
  depth_after=$DEPTH
  say "Depth of $NOTIFY_QUEUE once the message is handled: ${depth_after:-?}"
  echo
  note "payment: HTTP $pay_status $pay_result in $(ms "$pay_us")"
  note "order PAID: $([ -n "$trade_us" ] && echo "after $(ms "$trade_us")" || echo NEVER); points: $([ -n "$points_us" ] && echo "after $(ms "$points_us")" || echo NEVER)"
  note "notification: $([ -n "$notify_us" ] && echo "arrived $(ms "$notify_us") after the outage was lifted" || echo "NEVER arrived")"

  local verdict="NOT HELD" queue_part="notify queue $depth_before -> ${depth_during:-?} -> ${depth_after:-?}"
  if [ "$pay_status" = 200 ] && [ "$pay_result" = "SUCCESS (async)" ] && [ -n "$trade_us" ] \
    && [ -n "$points_us" ] && [ -n "$notify_us" ] \
    && [ -n "$depth_during" ] && [ "$depth_during" -gt "$depth_before" ]; then
    verdict=held
  fi
  record "async payment succeeds when notify is down and the notification arrives later" \
    "$pay_status in $(ms "$pay_us"); $queue_part; notified $([ -n "$notify_us" ] && ms "$notify_us" || echo never) after lift" \
    "$verdict"
}

# --- chapter 5: where the suite runs, and what pay-service's process is

# SETUP: local (the launcher's PID files) or compose (a pay-service container); empty when neither.
COMPOSE=()
detect_setup() {
  SETUP=""
  if docker compose version > /dev/null 2>&1; then
    COMPOSE=(docker compose)
  elif command -v docker-compose > /dev/null; then
    COMPOSE=(docker-compose)
  fi
  case "${WALK_SETUP:-auto}" in
    local | compose) SETUP=$WALK_SETUP ;;
    auto)
      if recorded_pid pay-service > /dev/null; then
        SETUP=local
      elif [ -n "$(compose_container pay-service)" ]; then
        SETUP=compose
      fi
      ;;
    *) abort "WALK_SETUP is local, compose or auto, not '$WALK_SETUP'" ;;
  esac
}

# compose_container SERVICE: the id of its running container in this directory's compose project.
compose_container() {
  [ "${#COMPOSE[@]}" -gt 0 ] || return 0
  (cd "$ROOT" && "${COMPOSE[@]}" ps -q "$1" 2> /dev/null | head -n 1) || true
}

# pay_fingerprint: PAY_PROCESS (process id and start time) and PAY_JAR (the sha256 of the jar it runs).
pay_fingerprint() {
  PAY_PROCESS="" PAY_JAR=""
  if [ "$SETUP" = local ]; then
    local pid
    pid=$(recorded_pid pay-service) || return 0
    PAY_PROCESS="pid $pid, started $(ps -o lstart= -p "$pid" | tr -s ' ')"
    # The jar after -jar: the build's, or its extraction in the launcher's start-up cache.
    local jar
    jar=$(ps -ww -o args= -p "$pid" | sed -n 's/.* -jar \([^ ]*\).*/\1/p')
    PAY_JAR=$(sha256sum "${jar:-$(jar_of pay-service)}" | cut -c 1-64)
  else
    local id
    id=$(compose_container pay-service)
    [ -n "$id" ] || return 0
    PAY_PROCESS="container ${id:0:12}, pid $(docker inspect -f '{{.State.Pid}}' "$id"), started $(docker inspect -f '{{.State.StartedAt}}' "$id")"
    PAY_JAR=$(docker exec "$id" sha256sum /app/extracted/app.jar | cut -c 1-64)
  fi
}

coupon_up() {
  http GET "$COUPON_URL/actuator/health"
  [ "$STATUS" = 200 ] && [ "$(field .status)" = UP ]
}

# start_coupon: starts coupon-service the way the setup does, next to everything that runs.
start_coupon() {
  local started_us
  started_us=$(now_us)
  if [ "$SETUP" = local ]; then
    say "    HMALL_EXTRA_SERVICES=coupon-service scripts/start-local.sh"
    HMALL_EXTRA_SERVICES=coupon-service "$ROOT/scripts/start-local.sh" 2>&1 | sed 's/^/      | /' \
      || abort "scripts/start-local.sh could not start coupon-service (its log: $(log_of coupon-service))"
  else
    say "    docker compose --profile coupon up -d --no-deps coupon-service"
    (cd "$ROOT" && "${COMPOSE[@]}" --profile coupon up -d --no-deps coupon-service) 2>&1 | sed 's/^/      | /' \
      || abort "docker compose could not start coupon-service"
  fi
  local deadline=$(($(now_us) + 240 * 1000000))
  until coupon_up; do
    [ "$(now_us)" -lt "$deadline" ] || abort "coupon-service is not UP at $COUPON_URL after 240 s"
    sleep 1
  done
  COUPON_START_US=$(($(now_us) - started_us))
}

# shellcheck disable=SC2317  # called through wait_for
coupon_issued() {
  http GET "$COUPON_URL/coupons?userId=$USER_ID"
  [ "$STATUS" = 200 ] && jq -e --arg no "$BIG_NO" 'any(.[]; .payOrderNo == $no)' <<< "$BODY" > /dev/null 2>&1
}
# The console's lane of coupon-service on both payments, each "ok": it handled both events.
coupon_lanes_drawn() {
  http GET "$CONSOLE/api/payments?limit=50"
  [ "$STATUS" = 200 ] || return 1
  LANES=$(jq -c --arg big "$BIG_NO" --arg small "$SMALL_NO" '[.[] | select(.payOrderNo == $big or .payOrderNo == $small)
    | {payOrderNo, lanes: [.lanes[] | select(.service == "coupon-service") | .outcome]}]' <<< "$BODY" 2> /dev/null) || return 1
  jq -e 'length == 2 and all(.[]; .lanes == ["ok"])' <<< "$LANES" > /dev/null 2>&1
}

# sync_call_series LABEL: PAYMENTS calls of POST /coupons with the big payment's notice, as the patched
# pay-service would make them (repeats: the coupon exists, so nothing is issued twice); CALL_MEDIAN_US.
sync_call_series() {
  local i times=() notice
  notice="{\"userId\":$USER_ID,\"bizOrderNo\":$BIG_ORDER,\"payOrderNo\":\"$BIG_NO\",\"amount\":$BIG_AMOUNT}"
  for ((i = 1; i <= PAYMENTS; i++)); do
    QUIET=1
    [ "$i" != 1 ] || QUIET=0
    call POST "$COUPON_URL/coupons" "$notice"
    QUIET=0
    [ "$STATUS" = 200 ] || CALLS_FAILED=1
    times+=("$MICROS")
  done
  IFS=$'\t' read -r CALL_MEDIAN_US _ _ < <(stats "${times[@]}")
  say "$1: median $(ms "$CALL_MEDIAN_US") over $PAYMENTS calls"
}

chapter_5() {
  chapter 5 "Extensibility (拓展性): a new subscriber, coupon-service, and no change to pay-service"
  say "The product manager wants a coupon for every payment of 100 yuan or more. In sync mode that is"
  say "one more call in pay-service: new code, a rebuild, a restart, more latency, one more way to fail"
  say "(拓展性差, poor extensibility). In async mode coupon-service binds its own queue to pay.topic"
  say "(发布/订阅, publish/subscribe) and gets every PaymentSucceeded event; pay-service is not changed,"
  say "not rebuilt, not even restarted. Here it is done live."
  echo
  detect_setup
  if [ -z "$SETUP" ]; then
    say "This chapter starts coupon-service next to the suite, so it must find the suite's processes: neither"
    say "the launcher's PID file ($(pid_file_of pay-service)) nor a docker compose pay-service container"
    say "names a running pay-service. Set WALK_SETUP=local (with the launcher's HMALL_RUN_DIR) or WALK_SETUP=compose."
    record "coupon-service joins with no change to pay-service" "could not find pay-service's process" skipped
    record "the console draws the new lane from coupon-service's first span" "not run" skipped
    record "the same coupon in sync mode changes pay-service and adds one call's latency" "not run" skipped
    return 0
  fi
  say "The suite runs under: $([ "$SETUP" = local ] && echo "the local launcher (scripts/start-local.sh)" || echo "docker compose")"
  say "Setting up: async mode, no latency, no outage."
  set_mode async
  set_knobs 0 0 0 0
  pay_fingerprint
  [ -n "$PAY_PROCESS" ] || abort "could not read pay-service's process ($SETUP)"
  local process_before=$PAY_PROCESS jar_before=$PAY_JAR
  say "pay-service before: $process_before"
  say "                    jar sha256 $jar_before"
  echo
  COUPON_START_US=""
  if coupon_up; then
    say "coupon-service already runs at $COUPON_URL (started before this chapter): the chapter goes on with it."
  else
    say "Starting coupon-service, and only it:"
    start_coupon
    say "coupon-service is UP after $(ms "$COUPON_START_US")."
  fi
  COUPON_TOUCHED=1
  set_chaos coupon-service 0 false
  say "It declared its own queue and binding when it started; the broker now has (live, from coupon-service):"
  http GET "$COUPON_URL/demo/chaos"
  note "$(jq -r '[.queues[]? | "\(.name): \(.consumers) consumers, \(.messages) waiting"] | join("; ")' <<< "$BODY" 2> /dev/null || echo "$BODY")"
  echo
  say "Two payments, exactly as before: 50 yuan (no coupon) and 128 yuan (a coupon of 5 yuan):"
  new_user
  local AMOUNT=5000
  new_orders
  pay
  need 200 "the 50-yuan payment"
  local small_ms=$MICROS
  SMALL_NO=$PAY_NO
  AMOUNT=12800
  new_orders
  pay
  need 200 "the 128-yuan payment"
  BIG_NO=$PAY_NO BIG_ORDER=$ORDER_ID BIG_AMOUNT=$AMOUNT
  say "Both answered in $(ms "$small_ms") and $(ms "$MICROS") (async: pay-service did not wait for anyone)."
  wait_for coupon_issued "$PAID_AT_US"
  local coupon_us=$WAITED_US
  local lanes_deadline=$(($(now_us) + TIMEOUT_SECONDS * 1000000)) lanes=0
  LANES=""
  while :; do
    if coupon_lanes_drawn; then lanes=1; break; fi
    [ "$(now_us)" -lt "$lanes_deadline" ] || break
    sleep 0.3
  done
  QUIET=0
  call GET "$COUPON_URL/coupons?userId=$USER_ID"
  local coupons big small off
  coupons=$(jq 'length' <<< "$BODY" 2> /dev/null || echo "?")
  big=$(jq --arg no "$BIG_NO" '[.[] | select(.payOrderNo == $no)] | length' <<< "$BODY" 2> /dev/null || echo "?")
  small=$(jq --arg no "$SMALL_NO" '[.[] | select(.payOrderNo == $no)] | length' <<< "$BODY" 2> /dev/null || echo "?")
  off=$(jq -r --arg no "$BIG_NO" 'first(.[] | select(.payOrderNo == $no) | .amountOff) // empty' <<< "$BODY" 2> /dev/null || true)
  note "coupons of this user: $coupons; for the 128-yuan payment: $big (amountOff $off fen, $([ -n "$coupon_us" ] && ms "$coupon_us" || echo never) after it was paid); for the 50-yuan one: $small"
  note "the console ($CONSOLE/api/payments), coupon-service's lane on each payment: ${LANES:-none}"
  pay_fingerprint
  say "pay-service after:  $PAY_PROCESS"
  say "                    jar sha256 $PAY_JAR"

  local verdict="NOT HELD" same="changed"
  [ "$PAY_PROCESS" = "$process_before" ] && [ "$PAY_JAR" = "$jar_before" ] && same="the same process and jar"
  [ "$same" != changed ] && [ "$coupons" = 1 ] && [ "$big" = 1 ] && [ "$small" = 0 ] && [ "$off" = 500 ] && verdict=held
  record "coupon-service joins with no change to pay-service" \
    "1 coupon of $off fen for 128 yuan, $small for 50 yuan (user's coupons: $coupons); pay-service: $same" "$verdict"
  verdict="NOT HELD"
  [ "$lanes" = 1 ] && verdict=held
  record "the console draws the new lane from coupon-service's first span" \
    "coupon-service lanes on the two payments: ${LANES:-none}" "$verdict"

  echo
  say "And in sync mode? The same feature is a change to pay-service itself ($COUPON_PATCH, kept"
  say "compiling by a test): a Feign client, one more step and one more call after points, its URL:"
  local files=0 added=0 removed=0 outside=0 line
  while IFS=$'\t' read -r a r f; do
    note "$f (+$a -$r)"
    files=$((files + 1)) added=$((added + a)) removed=$((removed + r))
    case "$f" in pay-service/*) ;; *) outside=1 ;; esac
  done < <(awk '/^\+\+\+ b\// { if (f) print a "\t" r "\t" f; f = substr($0, 7); a = 0; r = 0; next }
      /^--- / { next } /^\+/ { a++ } /^-/ { r++ } END { if (f) print a "\t" r "\t" f }' "$ROOT/$COUPON_PATCH")
  say "then a rebuild and a restart of pay-service, and every sync payment makes one more call in turn."
  say "That call, as the patched pay-service would make it (POST /coupons, the 128-yuan payment's notice):"
  CALLS_FAILED=0
  sync_call_series "coupon-service at 0 ms latency"
  local plain_us=$CALL_MEDIAN_US
  set_chaos coupon-service "$LATENCY_MS" false
  sync_call_series "coupon-service at ${LATENCY_MS} ms latency (as chapter 1's services)"
  local slow_us=$CALL_MEDIAN_US
  set_chaos coupon-service 0 false
  say "Every sync payment would be that much slower; in async mode it is not slower at all, and"
  say "coupon-service down would fail it (chapter 3) where async lets the coupon wait in its queue (chapter 4)."
  verdict="NOT HELD"
  [ "$files" -gt 0 ] && [ "$outside" = 0 ] && [ "$CALLS_FAILED" = 0 ] && [ "$slow_us" -ge $((LATENCY_MS * 1000)) ] \
    && verdict=held
  record "the same coupon in sync mode changes pay-service and adds one call's latency" \
    "$files files of pay-service (+$added -$removed); one more call: $(ms "$plain_us") at 0 ms, $(ms "$slow_us") at ${LATENCY_MS} ms" \
    "$verdict"
  echo
  say "coupon-service keeps running: stop it with $([ "$SETUP" = local ] && echo "scripts/stop-local.sh (with the rest)" || echo "docker compose --profile coupon stop coupon-service")."
}

# ---------------------------------------------------------------------------------------------
# Main

echo "Walkthrough: sync and async calls between services (同步调用 / 异步调用)"
echo "Suite: user $USER_URL, trade $TRADE_URL, pay $PAY_URL, notify $NOTIFY_URL, points $POINTS_URL"
echo "Chapters: ${CHAPTERS[*]}"
CURRENT_CHAPTER=0
for service in user-service trade-service pay-service notify-service points-service; do
  http GET "$(url_of "$service")/actuator/health"
  if [ "$STATUS" != 200 ] || [ "$(field .status)" != UP ]; then
    abort "$service at $(url_of "$service") is not UP (GET /actuator/health: $STATUS $BODY). Start the suite first: scripts/start-local.sh"
  fi
done
for service in "${CHAOS_SERVICES[@]}"; do
  http GET "$(url_of "$service")/demo/chaos"
  [ "$STATUS" = 200 ] || abort "$service has no chaos knobs (GET /demo/chaos: $STATUS); start the suite with DEMO_CHAOS_ENABLED=true"
done
http GET "$PAY_URL/mode"
need 200 "reading pay-service's mode"
ORIGINAL_MODE=$(field .mode)
case "$ORIGINAL_MODE" in
  sync | async) ;;
  *) abort "pay-service reports an unknown mode: $BODY" ;;
esac
echo "pay-service is in $ORIGINAL_MODE mode; it goes back to that, and every knob to calm, at the end."

for chapter_number in "${CHAPTERS[@]}"; do
  case "$chapter_number" in
    1) chapter_1 ;;
    2) chapter_2 ;;
    3) chapter_3 ;;
    4) chapter_4 ;;
    5) chapter_5 ;;
  esac
done

print_table
status=0
for result in "${CLAIM_RESULT[@]}"; do
  [ "$result" != "NOT HELD" ] || status=1
done
echo
if [ "$status" = 0 ]; then
  echo "Every claim that was measured held."
else
  echo "At least one claim did NOT hold: see the table above and the chapter's output."
fi
exit "$status"
