# shellcheck shell=bash
# Sourced by start-local.sh: which Java runs the services, and the start-up cache that lets five
# Spring Boot JVMs start on two cores in seconds instead of a minute.
#
#   HMALL_JAVA_HOME      the Java that runs the services. Default: the newest Java 25 or later under
#                        /usr/lib/jvm, else `java` on the PATH. Java 17 runs everything; 25 starts faster.
#   HMALL_STARTUP_CACHE  on (default) or off.
#
# On: each service's jar is extracted once (Spring Boot's `-Djarmode=tools extract`, so its classes
# are on a plain class path the JVM can cache) and trained once: a run that stops at the end of
# Spring's context refresh (`-Dspring.context.exit=onRefresh`: the database is migrated as at any
# start, but no port is opened, no message consumed and no scheduled task run), and writes what the
# JVM loaded and linked into a cache. On Java 25 and later that is the JDK's AOT cache (JEP 483,
# 514, 515: classes loaded and linked, and method profiles); on 17 to 24 a CDS archive of the loaded
# classes. Every later start maps the cache instead of parsing and linking those classes again.
# The cache lives in target/startup-cache/<service>/<key> (git ignores it, `mvnw clean` removes it);
# the key is the jar's sha256, the Java version and the -X options of JAVA_OPTS, so a rebuilt jar,
# another Java or other JVM options train again. A training that fails is reported, and the service
# starts from its jar as before.

# Sets JAVA_BIN and JAVA_FEATURE (17, 25, ...) from HMALL_JAVA_HOME, /usr/lib/jvm or the PATH, and
# STARTUP_CACHE_OPTIONS_KEY.
choose_java() {
  local home=${HMALL_JAVA_HOME:-} candidate feature best=0
  if [ -z "$home" ]; then
    for candidate in /usr/lib/jvm/*/; do
      [ -x "${candidate}bin/java" ] || continue
      feature=$(java_feature "${candidate}bin/java") || continue
      if [ "$feature" -ge 25 ] && [ "$feature" -gt "$best" ]; then
        best=$feature
        home=${candidate%/}
      fi
    done
  fi
  if [ -n "$home" ]; then
    JAVA_BIN=$home/bin/java
    [ -x "$JAVA_BIN" ] || fail "HMALL_JAVA_HOME=$home has no bin/java"
  else
    JAVA_BIN=$(command -v java) || fail "java is not on the PATH (the services need Java 17 or later)"
  fi
  JAVA_FEATURE=$(java_feature "$JAVA_BIN") || fail "could not tell the version of $JAVA_BIN"
  [ "$JAVA_FEATURE" -ge 17 ] || fail "$JAVA_BIN is Java $JAVA_FEATURE; the services need Java 17 or later"
  STARTUP_CACHE_OPTIONS_KEY=$(options_key)
}

# The feature release of a java binary: 17 for "17.0.15", 25 for "25.0.1".
java_feature() {
  local version
  version=$("$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p')
  case "$version" in
    '' | *[!0-9]*) return 1 ;;
  esac
  echo "$version"
}

startup_cache_on() {
  case "${HMALL_STARTUP_CACHE:-on}" in
    on) return 0 ;;
    off) return 1 ;;
    *)
      echo "start-local: HMALL_STARTUP_CACHE=${HMALL_STARTUP_CACHE} is not supported: on (the default) or off" >&2
      exit 2
      ;;
  esac
}

# The cache's file name and the JVM options that write and read it, for the chosen Java.
cache_file_name() { if [ "$JAVA_FEATURE" -ge 25 ]; then echo app.aot; else echo app.jsa; fi; }
cache_write_option() { if [ "$JAVA_FEATURE" -ge 25 ]; then echo "-XX:AOTCacheOutput=$1"; else echo "-XX:ArchiveClassesAtExit=$1"; fi; }
cache_read_option() { if [ "$JAVA_FEATURE" -ge 25 ]; then echo "-XX:AOTCache=$1"; else echo "-XX:SharedArchiveFile=$1"; fi; }

# The part of every cache's key that is the Java and the JVM's own options (-X...) of JAVA_OPTS;
# system properties (-D) do not decide whether a cache fits. Set once, by choose_java.
options_key() {
  local -a options
  read -r -a options <<< "${JAVA_OPTS:-}"
  {
    "$JAVA_BIN" -version 2>&1
    for option in ${options[@]+"${options[@]}"}; do
      case "$option" in -X*) echo "$option" ;; esac
    done
  } | sha256sum | cut -c 1-16
}

# Sets CACHE_DIR to the folder of SERVICE's cache, <jar's sha256>/<options key>, both shortened.
# Each jar is hashed once per launcher run (CACHE_DIRS), however often its cache is asked for.
declare -A CACHE_DIRS=()
cache_dir_of() {
  local service=$1
  if [ -z "${CACHE_DIRS[$service]:-}" ]; then
    CACHE_DIRS[$service]=$STARTUP_CACHE_ROOT/$service/$(sha256sum "$(jar_of "$service")" | cut -c 1-16)/$STARTUP_CACHE_OPTIONS_KEY
  fi
  CACHE_DIR=${CACHE_DIRS[$service]}
}

# Extracts and trains SERVICE's cache unless it is there. Runs in the background, many at once:
# the extraction is moved into place whole, the cache is renamed into place when complete, so two
# launchers at once at worst both train. The caches of the service's earlier jars are removed.
# The arguments after DIR and LOG: the service's environment (NAME=value ...), as for its real start.
train_startup_cache() {
  local service=$1 dir=$2 log=$3 file
  local -a options
  read -r -a options <<< "${JAVA_OPTS:-}"
  shift 3
  file=$(cache_file_name)
  [ -s "$dir/$file" ] && return 0
  if [ ! -d "$dir" ]; then
    local jar_dir
    jar_dir=$(dirname "$dir")
    mkdir -p "$jar_dir"
    find "$(dirname "$jar_dir")" -mindepth 1 -maxdepth 1 -not -name "$(basename "$jar_dir")" -exec rm -rf '{}' +
    "$JAVA_BIN" -Djarmode=tools -jar "$(jar_of "$service")" extract --destination "$dir.$$" > "$log" 2>&1 || return 1
    mv -T "$dir.$$" "$dir" 2> /dev/null || rm -rf "$dir.$$"
  fi
  # Port 0 and no listener start: nothing of the real suite is touched while it trains.
  env "$@" SERVER_PORT=0 "$JAVA_BIN" ${options[@]+"${options[@]}"} "$(cache_write_option "$dir/$file.$$")" \
    -Dspring.context.exit=onRefresh -jar "$dir/$service.jar" >> "$log" 2>&1 < /dev/null || true
  [ -s "$dir/$file.$$" ] && mv -f "$dir/$file.$$" "$dir/$file"
  rm -f "$dir/$file.$$"
  [ -s "$dir/$file" ]
}

# Sets LAUNCH_ARGS to what follows `java <JAVA_OPTS>` for SERVICE: its cache and extracted jar
# when the cache is there, else `-jar <its jar>`.
launch_args_of() {
  local service=$1 dir file
  # shellcheck disable=SC2034  # read by start-local.sh
  LAUNCH_ARGS=(-jar "$(jar_of "$service")")
  startup_cache_on || return 0
  cache_dir_of "$service"
  dir=$CACHE_DIR
  file=$(cache_file_name)
  # shellcheck disable=SC2034  # read by start-local.sh
  [ -s "$dir/$file" ] && LAUNCH_ARGS=("$(cache_read_option "$dir/$file")" -jar "$dir/$service.jar")
  return 0
}
