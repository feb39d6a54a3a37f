#!/usr/bin/env python3
"""Where each profiled service's CPU went: benchmark/profile_summary.py <service>.collapsed ...

Reads async-profiler's collapsed stacks (one line per stack: frames separated by ';', then the
sample count) and prints, per file, the share of samples whose stack passes through each library
or activity below. A stack can pass through several (a MyBatis call is also JDBC), so the shares
overlap; "self" lists the frames that were on top of the stack most often. Standard library only.
"""
import collections
import os
import re
import sys

# (what, a regular expression on the whole stack)
CATEGORIES = [
    ("JIT compiler threads", r"CompileBroker|C2Compiler|Compilation::"),
    ("garbage collection", r"GCTaskThread|VM_GenCollect|DefNewGeneration|TenuredGeneration|G1"),
    ("logging", r"ch/qos/logback|org/slf4j"),
    ("BCrypt", r"BCrypt"),
    ("span export", r"zipkin2|brave/|io/micrometer/tracing"),
    ("JSON", r"com/fasterxml/jackson|tools/jackson"),
    ("MyBatis and MyBatis-Plus", r"org/apache/ibatis|com/baomidou"),
    ("JDBC driver", r"com/mysql/cj|org/mariadb"),
    ("RabbitMQ client and Spring AMQP", r"com/rabbitmq|org/springframework/amqp"),
    ("OpenFeign and LoadBalancer", r"feign/|loadbalancer"),
    ("Tomcat", r"org/apache/tomcat|org/apache/coyote|org/apache/catalina"),
    ("Spring MVC", r"org/springframework/web/servlet"),
    ("transactions", r"org/springframework/transaction"),
    ("scheduled threads waking (MyBatis-Plus SystemClock: every 1 ms)", r"SystemClock|DelayedWorkQueue.take"),
]


def summarize(path):
    total = 0
    shares = collections.Counter()
    tops = collections.Counter()
    with open(path) as f:
        for line in f:
            stack, _, count = line.rstrip("\n").rpartition(" ")
            if not count.isdigit():
                continue
            n = int(count)
            total += n
            tops[stack.rsplit(";", 1)[-1][:100]] += n
            for name, pattern in CATEGORIES:
                if re.search(pattern, stack):
                    shares[name] += n
    name = os.path.basename(path).rsplit(".", 1)[0]
    print(f"{name}: {total} samples ({total * 5 / 1000:.1f} s of CPU at 5 ms each)")
    if not total:
        return
    for what, n in shares.most_common():
        print(f"  {100 * n / total:5.1f} %  {what}")
    print("  self: " + "; ".join(f"{frame} {100 * n / total:.1f} %" for frame, n in tops.most_common(5)))


if __name__ == "__main__":
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    for path in sys.argv[1:]:
        summarize(path)
