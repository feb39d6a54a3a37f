#!/usr/bin/env bash
# CPU profile of every running service of the local suite (scripts/start-local.sh), for SECONDS
# seconds (default 45), with async-profiler, while a load runs (start scripts/benchmark.sh first and
# call this once it prints "measuring"). Writes one flame graph per service (HTML, open it in a
# browser) and its collapsed stacks to benchmark/target/profile-<UTC timestamp>/, and prints where
# each service's CPU went, by library (benchmark/profile_summary.py).
#
# async-profiler comes from Maven Central (tools.profiler:async-profiler, its Linux x64 library),
# fetched by the Maven wrapper; its samples are CPU time (itimer: no perf_events needed), every 5 ms.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
SECONDS_TO_PROFILE=${1:-45}
VERSION=4.2
OUT=$ROOT/benchmark/target/profile-$(date -u +%Y%m%dT%H%M%SZ)
JAR=$HOME/.m2/repository/tools/profiler/async-profiler/$VERSION/async-profiler-$VERSION.jar
TOOLS=$ROOT/benchmark/target/async-profiler-$VERSION

[ -f "$JAR" ] || "$ROOT/mvnw" -q -f "$ROOT/pom.xml" dependency:get -Dartifact="tools.profiler:async-profiler:$VERSION" -Dtransitive=false
if [ ! -f "$TOOLS/linux-x64/libasyncProfiler.so" ]; then
  mkdir -p "$TOOLS"
  (cd "$TOOLS" && unzip -q -o "$JAR" 'linux-x64/*')
fi
mkdir -p "$OUT" "$TOOLS/attach"
javac -d "$TOOLS/attach" "$ROOT/benchmark/Attach.java"
LIB=$TOOLS/linux-x64/libasyncProfiler.so

attach() { java -cp "$TOOLS/attach" Attach "$1" "$LIB" "$2"; }

profiled=()
for pid_file in "$ROOT"/.run/*.pid; do
  service=$(basename "$pid_file" .pid)
  pid=$(cat "$pid_file")
  kill -0 "$pid" 2> /dev/null || continue
  attach "$pid" "start,event=itimer,interval=5ms"
  profiled+=("$service:$pid")
done
[ "${#profiled[@]}" -gt 0 ] || { echo "profile: no service of scripts/start-local.sh runs" >&2; exit 3; }
echo "profiling ${#profiled[@]} processes for ${SECONDS_TO_PROFILE}s..."
sleep "$SECONDS_TO_PROFILE"
for entry in "${profiled[@]}"; do
  service=${entry%%:*}
  pid=${entry#*:}
  attach "$pid" "dump,collapsed,file=$OUT/$service.collapsed"
  attach "$pid" "stop,file=$OUT/$service.html"
done
python3 "$ROOT/benchmark/profile_summary.py" "$OUT"/*.collapsed
echo "flame graphs: $OUT/<service>.html"
