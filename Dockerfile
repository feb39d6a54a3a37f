# One image recipe for all five services. docker-compose.yml builds it once per service:
#
#   docker build --build-arg ARTIFACT_NAME=pay-service --build-arg EXPOSED_PORT=8083 -t hmall/pay-service:dev .
#
# It builds the same with BuildKit and with the classic builder (what docker-compose 1.29 uses), so
# it has no `# syntax=` line (BuildKit would fetch that frontend from Docker Hub on every build) and
# no RUN --mount (the classic builder rejects it). Everything up to the last stage is the same for
# the five services, so the dependency download and the compile of the whole reactor run once and
# their layers are shared; only the jar picked and the last two layers differ per service.
#
# The base images are arguments, so a registry mirror or images loaded from a file can stand in
# (docker-compose.yml passes HMALL_IMAGE_REGISTRY and HMALL_*_IMAGE on). No password or other
# secret is baked in: everything comes from the environment at run time.

ARG MAVEN_IMAGE=maven:3.9-eclipse-temurin-17
ARG JRE_IMAGE=eclipse-temurin:17-jre

# The build context sorted into the poms and the main sources of every module, whatever modules
# the parent lists: the layers copied from here below change only when those files change (tests,
# docs and scripts do not invalidate the compile).
FROM ${MAVEN_IMAGE} AS context
COPY . /context
RUN mkdir /poms /sources \
    && cd /context \
    && find . -name pom.xml -not -path '*/target/*' -exec cp --parents '{}' /poms/ ';' \
    && find . -path '*/src/main' -type d -not -path '*/target/*' -prune -exec cp -R --parents '{}' /sources/ ';'

FROM ${MAVEN_IMAGE} AS build
WORKDIR /workspace
COPY --from=context /poms/ ./
# Everything the build below needs from Maven Central, fetched by the same build on the poms alone
# (nothing to compile, no jar to repackage): this layer changes only when a pom does, and the
# compile after it runs offline, so a classroom can rebuild after a code change without a network.
# e2e-tests holds tests only: its dependencies (a browser driver among them) have no place here.
RUN mvn -B -ntp -pl '!e2e-tests' -DskipTests -Dspring-boot.repackage.skip=true package \
    && find . -name target -type d -prune -exec rm -rf '{}' +
COPY --from=context /sources/ ./
# -DskipTests, not -Dmaven.test.skip: the messaging starter's test-jar, which the consumers' tests use, must exist
# (empty, as no test source is copied in) or the reactor does not resolve.
RUN mvn -o -B -ntp -pl '!e2e-tests' -DskipTests package

# The one step that knows which service this image is for; it fails clearly for a wrong name.
FROM build AS artifact
ARG ARTIFACT_NAME
RUN test -n "${ARTIFACT_NAME}" \
        || { echo 'Build with --build-arg ARTIFACT_NAME=<module>, e.g. user-service' >&2; exit 1; } \
    && test -f "${ARTIFACT_NAME}/target/${ARTIFACT_NAME}.jar" \
        || { echo "No jar for ARTIFACT_NAME=${ARTIFACT_NAME}: not a service module of this reactor" >&2; exit 1; } \
    && cp "${ARTIFACT_NAME}/target/${ARTIFACT_NAME}.jar" /app.jar


FROM ${JRE_IMAGE}

# The compose healthchecks call curl, which the Temurin image ships: fail the build here, not the
# healthcheck later, if a future base image drops it. The service runs as an unprivileged user.
# No ARG comes before this step, so its layer is the same in all five images.
RUN curl --version > /dev/null \
    && groupadd --system hmall \
    && useradd --system --gid hmall --home-dir /app --no-create-home --shell /usr/sbin/nologin hmall

WORKDIR /app

# Size the heap from the container's memory limit; leave the rest for metaspace, threads and
# code cache. A JVM that runs out of memory exits, so the restart policy can bring it back. The
# serial collector, as the JVM picks by itself in a container this small; named, so that the
# start-up cache trained below (on the build machine, which may look bigger) fits the run.
ENV JAVA_TOOL_OPTIONS="-XX:+UseSerialGC -XX:MaxRAMPercentage=65 -XX:+ExitOnOutOfMemoryError"

COPY --from=artifact /app.jar app.jar
# The jar extracted and its start-up cache trained, once, here: see the script.
COPY docker/service/startup-cache.sh /app/startup-cache.sh
RUN /app/startup-cache.sh
USER hmall

ARG EXPOSED_PORT=8080
EXPOSE ${EXPOSED_PORT}
# startup-cache.args holds the option that maps the cache (empty if the training failed).
ENTRYPOINT ["java", "@/app/startup-cache.args", "-jar", "/app/extracted/app.jar"]
