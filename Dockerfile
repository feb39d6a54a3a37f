# syntax=docker/dockerfile:1
#
# One image recipe for all five services. docker-compose.yml builds it once per service:
#
#   docker build --build-arg ARTIFACT_NAME=pay-service --build-arg EXPOSED_PORT=8083 -t hmall/pay-service .
#
# No password or other secret is baked in: everything comes from the environment at run time.

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /workspace

# The poms alone first, so the dependency download below stays cached until a pom changes.
# Every module's pom is needed: the parent lists them all as modules.
COPY pom.xml ./
COPY common/pom.xml common/
COPY user-service/pom.xml user-service/
COPY trade-service/pom.xml trade-service/
COPY pay-service/pom.xml pay-service/
COPY notify-service/pom.xml notify-service/
COPY points-service/pom.xml points-service/
COPY e2e-tests/pom.xml e2e-tests/

# Declared after the dependency step on purpose: this step is the same for all five images.
RUN --mount=type=cache,id=hmall-m2,target=/root/.m2,sharing=locked \
    mvn -B -ntp dependency:go-offline

ARG ARTIFACT_NAME
RUN test -n "${ARTIFACT_NAME}" \
    || { echo 'Build with --build-arg ARTIFACT_NAME=<module>, e.g. user-service' >&2; exit 1; }

# A service needs only its own sources and common's.
COPY common/src common/src
COPY ${ARTIFACT_NAME}/src ${ARTIFACT_NAME}/src
RUN --mount=type=cache,id=hmall-m2,target=/root/.m2,sharing=locked \
    mvn -B -ntp -DskipTests -pl "${ARTIFACT_NAME}" -am package


FROM eclipse-temurin:17-jre
ARG ARTIFACT_NAME
ARG EXPOSED_PORT=8080

# The compose healthchecks call curl, which the Temurin image ships: fail the build here, not the
# healthcheck later, if a future base image drops it. The service runs as an unprivileged user.
RUN curl --version > /dev/null \
    && groupadd --system hmall \
    && useradd --system --gid hmall --home-dir /app --no-create-home --shell /usr/sbin/nologin hmall

WORKDIR /app
COPY --from=build /workspace/${ARTIFACT_NAME}/target/${ARTIFACT_NAME}.jar app.jar
USER hmall

# Size the heap from the container's memory limit; leave the rest for metaspace, threads and
# code cache. A JVM that runs out of memory exits, so the restart policy can bring it back.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=65 -XX:+ExitOnOutOfMemoryError"

EXPOSE ${EXPOSED_PORT}
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
