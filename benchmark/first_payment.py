#!/usr/bin/env python3
"""The first payment after a fresh start, against the warmed-up median: benchmark/first_payment.py

Run it right after scripts/start-local.sh returned (every health check UP), before anything else
calls the suite. It pays one payment in sync mode and one in async mode, each the way a class does
it first (a new user, a new trade order, its pay order, the payment), and for the async one waits
for its three effects (trade order PAID, the notification, the points). Then it warms the suite up
(BENCH_FIRST_WARMUP payments in each mode, 300 by default) and repeats the same first payment of a
new user 21 times per mode. It prints the first against the median, and whether the first is within
twice the median (the target). Leaves pay-service in async mode. Standard library only; the HTTP
helpers are benchmark/bench.py's.
"""
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench  # noqa: E402  (its configuration: the services' URLs)

from bench import Http, URLS, must  # noqa: E402

WARMUP = int(os.environ.get("BENCH_FIRST_WARMUP", 300))
REPEATS = 21
data = bench.Data("first-" + str(int(time.time())))


def new_payment():
    """A new user with a pay order of bench.AMOUNT, ready to pay: (user, trade order, pay order)."""
    user = data.create_users(1, prefix=f"p{len(data.users)}-")[0]
    data.users.append(user)
    made = data.make_pay_order(user)
    return user, made["order"], {"id": made["pay"], "payOrderNo": made["no"]}


def pay(pay_order):
    started = time.perf_counter()
    status, body = Http.call("POST", f"{URLS['pay']}/pay-orders/{pay_order['id']}/balance-payments",
                             {"password": bench.PASSWORD})
    elapsed = time.perf_counter() - started
    must((200,), "POST balance-payments", status, body)
    return elapsed


def effects_done(user, order, pay_order):
    _, o = Http.call("GET", f"{URLS['trade']}/orders/{order}")
    if not (isinstance(o, dict) and o.get("status") == "PAID"):
        return False
    _, notes = Http.call("GET", f"{URLS['notify']}/notifications?userId={user}")
    if not any(n.get("payOrderNo") == pay_order["payOrderNo"] for n in (notes or [])):
        return False
    _, points = Http.call("GET", f"{URLS['points']}/points/{user}")
    return isinstance(points, dict) and any(h.get("payOrderNo") == pay_order["payOrderNo"]
                                            for h in points.get("history", []))


def one(mode):
    """Pay latency, and for async the time from the answer until all three effects were seen (s)."""
    user, order, pay_order = new_payment()
    latency = pay(pay_order)
    if mode == "sync":
        return latency, None
    answered = time.perf_counter()
    deadline = answered + 60
    while not effects_done(user, order, pay_order):
        if time.perf_counter() > deadline:
            raise SystemExit("first_payment: the async payment's effects did not arrive within 60 s")
        time.sleep(0.005)
    return latency, time.perf_counter() - answered


def main():
    bench.set_mode("sync")
    first = {"sync": one("sync")}
    bench.set_mode("async")
    first["async"] = one("async")
    user, _, _ = new_payment()
    for mode in ("sync", "async"):
        bench.set_mode(mode)
        for _ in range(WARMUP):
            made = data.make_pay_order(user)
            pay({"id": made["pay"]})
    warmed = {}
    for mode in ("sync", "async"):
        bench.set_mode(mode)
        warmed[mode] = [one(mode) for _ in range(REPEATS)]
    bench.set_mode("async")
    held = True
    for mode in ("sync", "async"):
        median = statistics.median(x[0] for x in warmed[mode])
        ok = first[mode][0] <= 2 * median
        held &= ok
        print(f"{mode}: first payment {first[mode][0] * 1000:.1f} ms, warmed-up median {median * 1000:.1f} ms "
              f"({first[mode][0] / median:.1f}x; target <= 2x): {'held' if ok else 'NOT held'}")
    median_effects = statistics.median(x[1] for x in warmed["async"])
    ok = first["async"][1] <= 2 * median_effects
    held &= ok
    print(f"async: its effects all there {first['async'][1] * 1000:.1f} ms after the answer, warmed-up median "
          f"{median_effects * 1000:.1f} ms ({first['async'][1] / median_effects:.1f}x; target <= 2x): "
          f"{'held' if ok else 'NOT held'}")
    return 0 if held else 1


if __name__ == "__main__":
    sys.exit(main())
