#!/bin/sh
# Runs once, when the image is built (Dockerfile): extracts /app/app.jar into /app/extracted (a plain
# class path the JVM can cache) and trains the start-up cache of the service, so that every container
# started from the image maps it instead of loading and linking its classes again. On Java 25 and
# later that is the JDK's AOT cache (JEP 483, 514, 515), on 17 to 24 a CDS archive. It writes the
# option that reads the cache into /app/startup-cache.args, which the entrypoint passes to java; a
# training that fails leaves that file empty and the service starts as before, only slower.
#
# There is no database or broker at build time, and none is needed: the training run stops at the
# end of Spring's context refresh (-Dspring.context.exit=onRefresh), before any port is opened or any
# connection made, and Flyway, the one thing that would connect earlier, is off for it.
set -eu

java -Djarmode=tools -jar /app/app.jar extract --destination /app/extracted > /dev/null

feature=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p')
if [ "$feature" -ge 25 ]; then
  cache=/app/app.aot
  write=-XX:AOTCacheOutput=$cache
  read=-XX:AOTCache=$cache
else
  cache=/app/app.jsa
  write=-XX:ArchiveClassesAtExit=$cache
  read=-XX:SharedArchiveFile=$cache
fi

if MYSQL_PORT=1 RABBITMQ_PORT=1 SERVER_PORT=0 java "$write" -Dspring.context.exit=onRefresh \
  -Dspring.flyway.enabled=false -jar /app/extracted/app.jar > /tmp/training.log 2>&1 && [ -s "$cache" ]; then
  echo "$read" > /app/startup-cache.args
  echo "start-up cache: $cache ($(du -h "$cache" | cut -f 1), Java $feature)"
else
  : > /app/startup-cache.args
  echo "start-up cache: none, the training failed (the service starts without it); its last lines:" >&2
  tail -n 20 /tmp/training.log >&2
fi
rm -f /tmp/training.log
