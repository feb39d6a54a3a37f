package com.hmall.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import com.hmall.e2e.support.ComposeInterpolation;

/**
 * Proves docker-compose.yml keeps the public contract (ports, databases, variables, chaos) and the
 * house rules (own database account per service, no guest broker user, healthchecks, start order,
 * memory limits) without a Docker engine: it reads the file the way Compose would, with every
 * {@code ${VAR:-default}} at its default, and checks that scripts/start-local.sh gives the same jars
 * the same variables. It also holds the file to what makes it work in a classroom: both Compose
 * versions (no top-level {@code name:}, no {@code start_interval}), every port on
 * {@code ${HMALL_BIND:-127.0.0.1}} and movable by its own variable, every image name replaceable
 * (a registry mirror, saved images), graceful stops, RabbitMQ's memory alarm below its container's
 * limit. The classroom console is an app container like the five services (built from the same
 * Dockerfile, health-checked, limited, on its own port) without a database; every service sends it
 * its spans. The optional observability profile has its own checks, in
 * {@link ObservabilityProfileTests}; {@code DockerComposeIT} runs the file for real.
 */
class DockerComposeContractTests {

    static final Map<String, Integer> SERVICE_PORTS = orderedMap(
            "user-service", 8081, "trade-service", 8082, "pay-service", 8083,
            "notify-service", 8084, "points-service", 8085);

    /** The optional subscriber, the lesson's exercise: only with {@code --profile coupon}. */
    static final String COUPON = "coupon-service";

    /** The classroom console: the live page, and where every service's spans go. No database. */
    static final String CONSOLE = "console";

    static final int CONSOLE_PORT = 8080;

    /** Every container built from the Dockerfile, by contract port: the console and the five services. */
    static final Map<String, Integer> APP_PORTS = appPorts();

    static final Map<String, String> SERVICE_DATABASES = orderedMap(
            "user-service", "hm_user", "trade-service", "hm_trade", "pay-service", "hm_pay",
            "notify-service", "hm_notify", "points-service", "hm_points", "coupon-service", "hm_coupon");

    static final Set<String> VARIABLES_EVERY_SERVICE_READS = Set.of(
            "MYSQL_HOST", "MYSQL_PORT", "MYSQL_USER", "MYSQL_PASSWORD",
            "RABBITMQ_HOST", "RABBITMQ_PORT", "RABBITMQ_USER", "RABBITMQ_PASSWORD", "RABBITMQ_VHOST",
            "SERVER_PORT", "DEMO_CHAOS_ENABLED",
            // v2: a cluster's nodes, empty for the one broker.
            "RABBITMQ_ADDRESSES");

    /**
     * Where each service sends its spans (api.md, v2): the console, by its compose name. The local
     * launcher passes the same variable, pointing at its own console.
     */
    static final String CONSOLE_URL_VARIABLE = "HMALL_CONSOLE_URL";

    static final String CONSOLE_URL = "http://" + CONSOLE + ":" + CONSOLE_PORT;

    /**
     * What the console reads: its port and address, the broker's management API and the account it
     * reads it with, the services whose knobs it shows, and the Zipkin it may pass the spans on to.
     * No database, no AMQP connection, no chaos knobs of its own.
     */
    static final Set<String> CONSOLE_VARIABLES = Set.of(
            "SERVER_PORT", "SERVER_ADDRESS", "RABBITMQ_USER", "RABBITMQ_PASSWORD", "RABBITMQ_VHOST",
            "HMALL_RABBITMQ_MANAGEMENT_URL", "HMALL_CONSOLE_SERVICES", "HMALL_ZIPKIN_URL", "HMALL_ZIPKIN_FORWARD");

    /**
     * What compose gives the console and the local launcher does not: the observability profile's
     * Zipkin, which only compose has.
     */
    static final Set<String> COMPOSE_ONLY_CONSOLE_VARIABLES = Set.of("HMALL_ZIPKIN_URL", "HMALL_ZIPKIN_FORWARD");

    /**
     * What the local launcher may pass and compose must not: the end-to-end tests' own databases
     * (hm_user plus a suffix), which the compose suite's accounts, granted hm_user and the like
     * only, could not reach.
     */
    static final Set<String> LAUNCHER_ONLY_VARIABLES = Set.of("HMALL_DATABASE_SUFFIX");

    /** Each service's second instance, with {@code --profile twice}. */
    static final Map<String, String> TWINS = orderedMap("user-service", "user-service-2", "trade-service",
            "trade-service-2", "pay-service", "pay-service-2", "notify-service", "notify-service-2", "points-service",
            "points-service-2");

    /** The two RabbitMQ nodes that join {@code rabbitmq} with {@code --profile cluster}. */
    static final List<String> CLUSTER_NODES = List.of("rabbitmq-2", "rabbitmq-3");

    /** The containers that start only with {@code --profile observability}. */
    static final Set<String> OBSERVABILITY_SERVICES = Set.of("zipkin", "prometheus", "grafana");

    /** The variable that moves each published host port, by service and container port. */
    static final Map<String, String> PORT_VARIABLES = orderedMap(
            "console:8080", "HMALL_CONSOLE_PORT", "user-service:8081", "HMALL_USER_PORT", "trade-service:8082", "HMALL_TRADE_PORT",
            "pay-service:8083", "HMALL_PAY_PORT", "notify-service:8084", "HMALL_NOTIFY_PORT",
            "points-service:8085", "HMALL_POINTS_PORT", "coupon-service:8086", "HMALL_COUPON_PORT",
            "user-service-2:8081", "HMALL_USER_PORT_2", "trade-service-2:8082", "HMALL_TRADE_PORT_2",
            "pay-service-2:8083", "HMALL_PAY_PORT_2", "notify-service-2:8084", "HMALL_NOTIFY_PORT_2",
            "points-service-2:8085", "HMALL_POINTS_PORT_2", "mysql:3306", "HMALL_MYSQL_HOST_PORT",
            "rabbitmq:5672", "HMALL_AMQP_HOST_PORT", "rabbitmq:15672", "HMALL_MANAGEMENT_HOST_PORT",
            "zipkin:9411", "HMALL_ZIPKIN_PORT", "prometheus:9090", "HMALL_PROMETHEUS_PORT",
            "grafana:3000", "HMALL_GRAFANA_PORT");

    /** The variable that replaces each image the suite pulls (HMALL_IMAGE_REGISTRY goes before all). */
    static final Map<String, String> IMAGE_VARIABLES = orderedMap(
            "mysql", "HMALL_MYSQL_IMAGE", "rabbitmq", "HMALL_RABBITMQ_IMAGE", "zipkin", "HMALL_ZIPKIN_IMAGE",
            "prometheus", "HMALL_PROMETHEUS_IMAGE", "grafana", "HMALL_GRAFANA_IMAGE");

    static final Map<String, String> PAY_SERVICE_DOWNSTREAM_URLS = orderedMap(
            "USER_SERVICE_URL", "http://user-service:8081",
            "TRADE_SERVICE_URL", "http://trade-service:8082",
            "NOTIFY_SERVICE_URL", "http://notify-service:8084",
            "POINTS_SERVICE_URL", "http://points-service:8085");

    private static Path root;
    private static Map<String, Object> services;

    @BeforeAll
    static void readComposeFile() throws IOException {
        root = repositoryRoot();
        Map<String, Object> compose = new Yaml().load(Files.readString(root.resolve("docker-compose.yml")));
        services = asMap(compose.get("services"));
    }

    @Test
    void shouldDefineTheConsoleTheFiveServicesTheDatabaseAndTheBroker() {
        Set<String> withoutProfile = new LinkedHashSet<>(services.keySet());
        withoutProfile.removeIf(name -> service(name).containsKey("profiles"));
        assertThat(withoutProfile).as("what `docker compose up` starts").containsExactlyInAnyOrder(
                "mysql", "rabbitmq", "console", "user-service", "trade-service", "pay-service", "notify-service",
                "points-service");
        assertThat(services.keySet()).as("everything, the optional profiles' containers too")
                .hasSize(withoutProfile.size() + OBSERVABILITY_SERVICES.size() + 1 + CLUSTER_NODES.size() + TWINS.size())
                .containsAll(OBSERVABILITY_SERVICES)
                .containsAll(CLUSTER_NODES)
                .contains(COUPON);
        assertThat(service(COUPON).get("profiles")).as("coupon-service starts only when asked").isEqualTo(List.of("coupon"));
        assertThat(image("mysql")).isEqualTo("mysql:8.4");
        assertThat(image("rabbitmq")).startsWith("rabbitmq:4").contains("management");
    }

    @Test
    void shouldPublishEachServiceOnItsContractPortAndListenThere() {
        APP_PORTS.forEach((name, port) -> {
            assertThat(publishedPorts(name)).as("%s ports", name).containsEntry(port, port);
            assertThat(environment(name)).as("%s environment", name).containsEntry("SERVER_PORT", port.toString());
        });
        assertThat(publishedPorts("rabbitmq")).as("management UI").containsEntry(15672, 15672);
        APP_PORTS.forEach((name, port) -> assertThat(asMap(asMap(service(name).get("build")).get("args")))
                .as("%s build args: the image exposes the port it listens on", name)
                .containsEntry("EXPOSED_PORT", port.toString()));
    }

    /**
     * Inside its container an app must listen on the container's own address, where the published
     * port arrives: the five services do by default, the console (whose default is 127.0.0.1, like
     * the launcher's) is told so. Who reaches it from outside is the host side's business, HMALL_BIND.
     */
    @Test
    void shouldListenOnEveryAddressOfTheContainer() {
        assertThat(environment(CONSOLE)).as("console environment").containsEntry("SERVER_ADDRESS", "0.0.0.0");
        SERVICE_PORTS.keySet().forEach(name -> assertThat(environment(name).getOrDefault("SERVER_ADDRESS", "0.0.0.0"))
                .as("%s SERVER_ADDRESS", name).isEqualTo("0.0.0.0"));
    }

    @Test
    void shouldPublishEveryPortOnHmallBindAndMoveEachWithItsOwnVariable() throws IOException {
        Pattern mapping = Pattern.compile("\\$\\{HMALL_BIND:-127\\.0\\.0\\.1}:\\$\\{(HMALL_[A-Z0-9_]+):-(\\d+)}:(\\d+)");
        Map<String, String> found = new LinkedHashMap<>();
        services.keySet().forEach(name -> asList(service(name).get("ports")).forEach(port -> {
            Matcher matcher = mapping.matcher(port);
            assertThat(matcher.matches()).as("%s publishes %s on ${HMALL_BIND:-127.0.0.1} with a port variable", name, port).isTrue();
            // A second instance (profile twice) publishes its first one's port + 100, as the launcher does.
            int offset = TWINS.containsValue(name) ? 100 : 0;
            assertThat(Integer.parseInt(matcher.group(2))).as("%s: the default host port is the container's", port)
                    .isEqualTo(Integer.parseInt(matcher.group(3)) + offset);
            found.put(name + ":" + matcher.group(3), matcher.group(1));
        }));
        assertThat(found).as("the override variable of every published port").containsExactlyInAnyOrderEntriesOf(PORT_VARIABLES);
        assertThat(new LinkedHashSet<>(found.values())).as("one variable per port").hasSize(found.size());

        String library = Files.readString(root.resolve("scripts/lib/ports.sh"));
        Matcher array = Pattern.compile("(?s)HMALL_PORT_VARIABLES=\\((.*?)\\)").matcher(library);
        assertThat(array.find()).as("HMALL_PORT_VARIABLES=(...) in scripts/lib/ports.sh").isTrue();
        Set<String> listed = new LinkedHashSet<>(List.of(array.group(1).trim().split("\\s+")));
        Set<String> expected = new LinkedHashSet<>();
        PORT_VARIABLES.forEach((servicePort, variable) -> {
            String name = servicePort.substring(0, servicePort.indexOf(':'));
            int port = Integer.parseInt(servicePort.substring(servicePort.indexOf(':') + 1));
            expected.add(variable + ":" + (port + (TWINS.containsValue(name) ? 100 : 0)));
        });
        assertThat(listed).as("scripts/lib/ports.sh names the same variables and defaults").containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void shouldLetEveryImageNameBeReplacedAndNameTheBuiltImagesAfterTheVersion() throws IOException {
        IMAGE_VARIABLES.forEach((name, variable) -> assertThat(service(name).get("image").toString())
                .as("%s image", name).matches("\\$\\{HMALL_IMAGE_REGISTRY:-}\\$\\{" + variable + ":-[^}]+}"));
        String version = projectVersion();
        APP_PORTS.keySet().forEach(name -> {
            assertThat(service(name).get("image")).as("%s image", name).isEqualTo("hmall/" + name + ":${HMALL_VERSION:-" + version + "}");
            Map<String, Object> args = asMap(asMap(service(name).get("build")).get("args"));
            assertThat(String.valueOf(args.get("MAVEN_IMAGE"))).as("%s MAVEN_IMAGE", name)
                    .isEqualTo("${HMALL_IMAGE_REGISTRY:-}${HMALL_MAVEN_IMAGE:-library/maven:3.9-eclipse-temurin-17}");
            assertThat(String.valueOf(args.get("JRE_IMAGE"))).as("%s JRE_IMAGE", name)
                    .isEqualTo("${HMALL_IMAGE_REGISTRY:-}${HMALL_JRE_IMAGE:-library/eclipse-temurin:17-jre}");
        });
        services.keySet().forEach(name -> assertThat(service(name)).as("%s names its image", name).containsKey("image"));

        List<String> dockerfile = Files.readAllLines(root.resolve("Dockerfile"));
        int firstFrom = firstIndexStartingWith(dockerfile, "FROM ");
        List<String> header = dockerfile.subList(0, firstFrom);
        assertThat(header).as("the base images are arguments, declared before the first FROM")
                .contains("ARG MAVEN_IMAGE=maven:3.9-eclipse-temurin-17", "ARG JRE_IMAGE=eclipse-temurin:17-jre");
        assertThat(dockerfile).filteredOn(line -> line.startsWith("FROM "))
                .allSatisfy(line -> assertThat(line).matches("FROM (\\$\\{MAVEN_IMAGE}|\\$\\{JRE_IMAGE}|build)( AS \\w+)?"));
    }

    @Test
    void shouldRunWithDockerCompose129AndComposeV2AlikeWithTheProjectNameFromDotEnv() throws IOException {
        String file = Files.readString(root.resolve("docker-compose.yml"));
        assertThat(Pattern.compile("(?m)^name:").matcher(file).find()).as("a top-level name: (docker-compose 1.29 rejects it)").isFalse();
        assertThat(Pattern.compile("(?m)^\\s+start_interval:").matcher(file).find())
                .as("start_interval (docker-compose 1.29 rejects it)").isFalse();
        assertThat(Files.readAllLines(root.resolve(".env"))).as(".env").contains("COMPOSE_PROJECT_NAME=hmall-mq-lesson");
        List<String> dockerfile = Files.readAllLines(root.resolve("Dockerfile"));
        assertThat(dockerfile).as("no `# syntax=` line: BuildKit would fetch a frontend image from Docker Hub")
                .noneMatch(line -> line.matches("(?i)#\\s*syntax\\s*=.*"));
        assertThat(dockerfile).as("no RUN --mount: the classic builder (docker-compose 1.29's) rejects it")
                .noneMatch(line -> line.matches("(?i)\\s*RUN\\s+--mount.*"));
        assertThat(Files.readAllLines(root.resolve(".dockerignore"))).as(".env may hold passwords: not in the build context")
                .contains(".env");
    }

    @Test
    void shouldGiveEachServiceExactlyTheVariablesTheContractSaysItReads() {
        SERVICE_PORTS.keySet().forEach(name -> {
            Set<String> expected = new LinkedHashSet<>(VARIABLES_EVERY_SERVICE_READS);
            expected.add(CONSOLE_URL_VARIABLE);
            if (name.equals("pay-service")) {
                expected.add("PAY_MODE");
                expected.addAll(PAY_SERVICE_DOWNSTREAM_URLS.keySet());
            }
            assertThat(environment(name).keySet()).as("%s environment", name).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(environment(name)).as("%s environment", name)
                    .containsEntry("MYSQL_HOST", "mysql")
                    .containsEntry("MYSQL_PORT", "3306")
                    .containsEntry("RABBITMQ_HOST", "rabbitmq")
                    .containsEntry("RABBITMQ_PORT", "5672");
        });
        assertThat(environment(CONSOLE).keySet()).as("console environment")
                .containsExactlyInAnyOrderElementsOf(CONSOLE_VARIABLES);
        assertThat(environment(CONSOLE)).as("console environment")
                .containsEntry("SERVER_PORT", String.valueOf(CONSOLE_PORT))
                .containsEntry("HMALL_RABBITMQ_MANAGEMENT_URL", "http://rabbitmq:15672");
        assertThat(publishedPorts("rabbitmq")).as("the management API the console reads").containsValue(15672);
    }

    /**
     * The console finds the services whose knobs it shows in HMALL_CONSOLE_SERVICES only: under
     * compose, every one of the five and coupon-service (shown DOWN until its profile runs), by its
     * compose name and contract port, and nothing else.
     */
    @Test
    void shouldListEveryServiceForTheConsoleByItsComposeName() {
        Map<String, String> listed = new LinkedHashMap<>();
        for (String entry : environment(CONSOLE).get("HMALL_CONSOLE_SERVICES").split(",")) {
            String[] pair = entry.split("=", 2);
            assertThat(pair).as("name=url: %s", entry).hasSize(2);
            assertThat(listed.put(pair[0].trim(), pair[1].trim())).as("%s listed once", pair[0]).isNull();
        }
        Map<String, String> expected = new LinkedHashMap<>();
        SERVICE_PORTS.forEach((name, port) -> expected.put(name, "http://" + name + ":" + port));
        expected.put(COUPON, "http://coupon-service:8086");
        assertThat(listed).as("HMALL_CONSOLE_SERVICES").containsExactlyInAnyOrderEntriesOf(expected);
    }

    @Test
    void shouldPointPayServiceAtTheOtherServicesByTheirComposeNamesAndStartItAsync() {
        Map<String, String> pay = environment("pay-service");
        PAY_SERVICE_DOWNSTREAM_URLS.forEach((variable, url) -> assertThat(pay).containsEntry(variable, url));
        assertThat(pay).containsEntry("PAY_MODE", "async");
        assertThat(rawEnvironment("pay-service").get("PAY_MODE"))
                .as("PAY_MODE can be chosen at `docker compose up`").contains("${PAY_MODE");
    }

    @Test
    void shouldTurnTheChaosKnobsOn() {
        SERVICE_PORTS.keySet().forEach(name ->
                assertThat(environment(name)).as(name).containsEntry("DEMO_CHAOS_ENABLED", "true"));
        assertThat(environment(CONSOLE)).as("the console has no knobs of its own: it turns the services'")
                .doesNotContainKey("DEMO_CHAOS_ENABLED");
    }

    @Test
    void shouldPassTheServicesTheVariablesTheLocalLauncherPasses() throws IOException {
        String launcher = Files.readString(root.resolve("scripts/start-local.sh"));
        Set<String> everyService = shellArray(launcher, "SERVICE_ENV");
        Set<String> payOnly = shellArray(launcher, "PAY_SERVICE_ENV");
        Set<String> consoleOnly = shellArray(launcher, "CONSOLE_ENV");
        assertThat(launcher).as("the launcher sets each service's port").contains("SERVER_PORT=");
        everyService.add("SERVER_PORT");
        assertThat(everyService).as("the launcher tells every service where the console is").contains(CONSOLE_URL_VARIABLE);

        SERVICE_PORTS.keySet().forEach(name -> {
            Set<String> launched = new LinkedHashSet<>(everyService);
            if (name.equals("pay-service")) {
                launched.addAll(payOnly);
            }
            // The deliberate difference: the tests' own databases, which compose has no use for.
            launched.removeAll(LAUNCHER_ONLY_VARIABLES);
            assertThat(environment(name).keySet()).as("%s: compose against start-local.sh", name)
                    .containsExactlyInAnyOrderElementsOf(launched);
        });

        // The launcher's console gets every service's variables too (they are exported); compose
        // gives it only what it reads, and the Zipkin the launcher has not.
        assertThat(launcher).as("the launcher sets each service's address").contains("SERVER_ADDRESS=");
        Set<String> launchedConsole = new LinkedHashSet<>(everyService);
        launchedConsole.addAll(consoleOnly);
        launchedConsole.add("SERVER_ADDRESS");
        Set<String> composeOnly = new LinkedHashSet<>(environment(CONSOLE).keySet());
        composeOnly.removeAll(launchedConsole);
        assertThat(composeOnly).as("console: compose's variables that start-local.sh does not pass")
                .containsExactlyInAnyOrderElementsOf(COMPOSE_ONLY_CONSOLE_VARIABLES);
        assertThat(environment(CONSOLE).keySet()).as("console: what start-local.sh passes the console alone")
                .containsAll(consoleOnly);
        assertThat(launcher).as("the launcher hands its caller's environment on to the jars")
                .doesNotContain("env -i").contains("nohup env ");
        assertThat(launcher).as("and leaves Spring Boot's tracing switches alone: the spans go to the console")
                .doesNotContain("MANAGEMENT_TRACING").doesNotContain("HMALL_TRACING_EXPORT");
        assertThat(launcher).as("chaos knobs on by default in the launcher too").contains("${DEMO_CHAOS_ENABLED:=true}");
    }

    @Test
    void shouldCheckTheHealthOfEveryContainer() {
        services.keySet().forEach(name -> {
            Map<String, Object> healthcheck = asMap(service(name).get("healthcheck"));
            assertThat(healthcheck).as("%s healthcheck", name).isNotEmpty();
            assertThat(asList(healthcheck.get("test"))).as("%s healthcheck test", name).isNotEmpty();
        });
        APP_PORTS.forEach((name, port) ->
                assertThat(String.join(" ", asList(asMap(service(name).get("healthcheck")).get("test"))))
                        .as("%s healthcheck", name)
                        .contains("127.0.0.1:" + port + "/actuator/health"));
    }

    /**
     * Without start_interval (which docker-compose 1.29 rejects), each check polls by itself while a
     * container starts; Engine 20.10 does not kill a check that overruns its timeout, so each loop
     * must end by itself before it.
     */
    @Test
    void shouldPollWhileStartingAndEndEachCheckBeforeItsTimeout() {
        List<String> withoutProfile = services.keySet().stream().filter(name -> !service(name).containsKey("profiles")).toList();
        assertThat(withoutProfile).as("the containers `docker compose up` starts").contains("mysql", "rabbitmq")
                .containsAll(APP_PORTS.keySet());
        for (String name : withoutProfile) {
            Map<String, Object> healthcheck = asMap(service(name).get("healthcheck"));
            String test = String.join(" ", asList(healthcheck.get("test")));
            long timeout = seconds(healthcheck.get("timeout"));
            long bound;
            Matcher curl = Pattern.compile("--max-time (\\d+) .*--retry-max-time (\\d+)").matcher(test);
            Matcher loop = Pattern.compile("for i in \\{1\\.\\.(\\d+)}; do .*sleep 1;").matcher(test);
            Matcher attempt = Pattern.compile("--connect-timeout=(\\d+)|timeout (\\d+) ").matcher(test);
            if (curl.find()) {
                assertThat(test).as("%s: retries every second, whatever the error", name).contains("--retry-delay 1", "--retry-all-errors");
                bound = Long.parseLong(curl.group(1)) + Long.parseLong(curl.group(2));
            } else {
                assertThat(loop.find()).as("%s polls in a loop or with curl --retry: %s", name, test).isTrue();
                assertThat(attempt.find()).as("%s bounds each attempt: %s", name, test).isTrue();
                long perAttempt = Long.parseLong(attempt.group(1) != null ? attempt.group(1) : attempt.group(2));
                bound = Long.parseLong(loop.group(1)) * (1 + perAttempt);
            }
            assertThat(bound).as("%s: the check's own bound (s), below its timeout %s s", name, timeout).isLessThan(timeout);
            assertThat(seconds(healthcheck.get("interval"))).as("%s interval", name).isLessThanOrEqualTo(10);
        }
    }

    @Test
    void shouldStopGracefully() {
        APP_PORTS.keySet().forEach(name -> assertThat(seconds(service(name).get("stop_grace_period")))
                .as("%s: Spring Boot's graceful shutdown takes up to 30 s", name).isGreaterThanOrEqualTo(35));
        for (String name : List.of("mysql", "rabbitmq")) {
            assertThat(seconds(service(name).get("stop_grace_period"))).as("%s stop_grace_period", name).isGreaterThanOrEqualTo(20);
        }
    }

    @Test
    void shouldRaiseRabbitmqsMemoryAlarmWellBelowItsContainerLimit() throws IOException {
        assertThat(asList(service("rabbitmq").get("volumes")))
                .contains("./docker/rabbitmq/30-hmall.conf:/etc/rabbitmq/conf.d/30-hmall.conf:ro");
        List<String> settings = Files.readAllLines(root.resolve("docker/rabbitmq/30-hmall.conf")).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
        assertThat(settings).as("no relative watermark: it would follow the host's memory, not the container's")
                .noneMatch(line -> line.startsWith("vm_memory_high_watermark.relative"));
        Matcher absolute = Pattern.compile("vm_memory_high_watermark\\.absolute = (\\d+)MiB").matcher(String.join("\n", settings));
        assertThat(absolute.find()).as("an absolute watermark in MiB: %s", settings).isTrue();
        long watermark = Long.parseLong(absolute.group(1));
        long limit = mebibytes(memoryLimit("rabbitmq"));
        assertThat(watermark).as("watermark (MiB) against the %s MiB limit", limit).isBetween(limit * 4 / 10, limit * 7 / 10);
    }

    @Test
    void shouldNeedFourAndAHalfGibibytesAsTheDocsSay() throws IOException {
        long total = services.keySet().stream().filter(name -> !service(name).containsKey("profiles"))
                .mapToLong(name -> mebibytes(memoryLimit(name))).sum();
        assertThat(total).as("the memory limits of `docker compose up`, MiB").isEqualTo(4608);
        APP_PORTS.keySet().forEach(name -> assertThat(mebibytes(memoryLimit(name))).as("%s memory limit, MiB", name)
                .isEqualTo(512));
        long profile = OBSERVABILITY_SERVICES.stream()
                .mapToLong(name -> mebibytes(memoryLimit(name))).sum();
        assertThat(profile).as("the observability profile's limits, MiB (1.1 GiB)").isBetween(1075L, 1177L);
        String docs = Files.readString(root.resolve("docs/docker.md"));
        String compose = Files.readString(root.resolve("docker-compose.yml"));
        assertThat(docs).as("docs/docker.md states it").contains("4.5 GiB").contains("1.1 GiB")
                .doesNotContain("**4 GiB**");
        assertThat(compose).as("and the compose file").contains("add up to 4.5 GiB").contains("1.1 GiB");
    }

    /**
     * The lesson's exercise: coupon-service is a consumer like the others (same image recipe,
     * variables, limit, health check and grace period), on its own port and database account, and
     * started only with {@code --profile coupon}: nothing else depends on it.
     */
    @Test
    void shouldDefineCouponServiceAsAnOptionalConsumerUnderItsProfile() {
        Map<String, Object> coupon = service(COUPON);
        assertThat(coupon.get("profiles")).isEqualTo(List.of("coupon"));
        assertThat(asMap(asMap(coupon.get("build")).get("args"))).containsEntry("ARTIFACT_NAME", COUPON);
        assertThat(image(COUPON)).isEqualTo("hmall/coupon-service:1.0.0-SNAPSHOT");
        assertThat(publishedPorts(COUPON)).containsEntry(8086, 8086);
        Map<String, String> environment = environment(COUPON);
        assertThat(environment.keySet()).containsAll(VARIABLES_EVERY_SERVICE_READS).contains(CONSOLE_URL_VARIABLE);
        assertThat(environment).containsEntry("SERVER_PORT", "8086").containsEntry("MYSQL_USER", "coupon_svc")
                .containsEntry(CONSOLE_URL_VARIABLE, CONSOLE_URL);
        assertThat(String.join(" ", asList(asMap(coupon.get("healthcheck")).get("test"))))
                .contains("127.0.0.1:8086/actuator/health");
        assertThat(mebibytes(memoryLimit(COUPON))).isEqualTo(512);
        assertThat(seconds(coupon.get("stop_grace_period"))).isGreaterThanOrEqualTo(35);
        services.keySet().stream().filter(name -> !name.equals(COUPON) && service(name).containsKey("depends_on"))
                .forEach(name -> assertThat(asMap(service(name).get("depends_on")).keySet()).as("%s depends_on", name)
                        .doesNotContain(COUPON));
        assertThat(environment(CONSOLE).get("HMALL_CONSOLE_SERVICES")).as("its knobs: one entry of the console's list")
                .endsWith(",coupon-service=http://coupon-service:8086");
    }

    /**
     * The profile cluster: two more nodes of the same image that join the seed, {@code rabbitmq}, by
     * peer discovery with its Erlang cookie, each with its own data and the same memory settings, and
     * nothing of the suite depending on them (the services reach them through
     * HMALL_RABBITMQ_ADDRESSES only).
     */
    @Test
    void shouldMakeAThreeNodeClusterWithTheProfileCluster() throws IOException {
        for (String node : CLUSTER_NODES) {
            Map<String, Object> replica = service(node);
            assertThat(replica.get("profiles")).as(node).isEqualTo(List.of("cluster"));
            assertThat(replica.get("hostname")).as("%s: its node name is rabbit@<hostname>", node).isEqualTo(node);
            assertThat(replica.get("image")).as(node).isEqualTo(service("rabbitmq").get("image"));
            assertThat(asMap(asMap(replica.get("depends_on")).get("rabbitmq"))).containsEntry("condition", "service_healthy");
            assertThat(asList(replica.get("volumes"))).as("%s volumes", node).contains(
                    node + "-data:/var/lib/rabbitmq", "rabbitmq-data:/seed:ro",
                    "./docker/rabbitmq/30-hmall.conf:/etc/rabbitmq/conf.d/30-hmall.conf:ro",
                    "./docker/rabbitmq/cluster/40-cluster.conf:/etc/rabbitmq/conf.d/40-cluster.conf:ro");
            assertThat(mebibytes(memoryLimit(node))).isEqualTo(mebibytes(memoryLimit("rabbitmq")));
        }
        assertThat(Files.readString(root.resolve("docker/rabbitmq/cluster/40-cluster.conf")))
                .contains("cluster_formation.peer_discovery_backend = classic_config")
                .contains("cluster_formation.classic_config.nodes.1 = rabbit@rabbitmq");
        assertThat(Files.readString(root.resolve("docker/rabbitmq/cluster/join-and-grow.sh")))
                .contains("/seed/.erlang.cookie", "rabbitmq-queues grow");
        services.keySet().stream().filter(name -> service(name).containsKey("depends_on"))
                .forEach(name -> assertThat(asMap(service(name).get("depends_on")).keySet()).as("%s depends_on", name)
                        .doesNotContainAnyElementsOf(CLUSTER_NODES));
        assertThat(rawEnvironment("pay-service").get("RABBITMQ_ADDRESSES"))
                .as("the node list comes from HMALL_RABBITMQ_ADDRESSES").contains("${HMALL_RABBITMQ_ADDRESSES");
    }

    /**
     * The profile twice: every service but the console has a second instance, its first one's twin
     * (the same image, environment and health check) on its host port + 100; pay-service takes each
     * downstream's URLs from a variable that lists both when the profile runs, and one by default.
     */
    @Test
    void shouldRunASecondInstanceOfEveryServiceWithTheProfileTwice() {
        TWINS.forEach((first, second) -> {
            Map<String, Object> twin = service(second);
            assertThat(twin.get("profiles")).as(second).isEqualTo(List.of("twice"));
            assertThat(twin.get("image")).as(second).isEqualTo(service(first).get("image"));
            assertThat(environment(second)).as("%s environment", second).isEqualTo(environment(first));
            assertThat(twin.get("healthcheck")).as("%s healthcheck", second).isEqualTo(service(first).get("healthcheck"));
            assertThat(mebibytes(memoryLimit(second))).isEqualTo(512);
        });
        Map<String, String> pay = rawEnvironment("pay-service");
        PAY_SERVICE_DOWNSTREAM_URLS.keySet().forEach(variable -> assertThat(pay.get(variable)).as(variable)
                .startsWith("${HMALL_" + variable + "S:-"));
        services.keySet().stream().filter(name -> service(name).containsKey("depends_on"))
                .forEach(name -> assertThat(asMap(service(name).get("depends_on")).keySet()).as("%s depends_on", name)
                        .doesNotContainAnyElementsOf(TWINS.values()));
    }

    @Test
    void shouldStartEachServiceOnlyOnceWhatItNeedsIsHealthy() {
        SERVICE_PORTS.keySet().forEach(name -> {
            Map<String, Object> dependsOn = asMap(service(name).get("depends_on"));
            assertThat(dependsOn).as("%s depends_on", name).containsKeys("mysql", "rabbitmq");
            dependsOn.forEach((dependency, settings) -> assertThat(asMap(settings))
                    .as("%s on %s", name, dependency).containsEntry("condition", "service_healthy"));
        });
        Map<String, Object> console = asMap(service(CONSOLE).get("depends_on"));
        assertThat(console.keySet()).as("console depends_on: the broker only, it has no database").containsExactly("rabbitmq");
        assertThat(asMap(console.get("rabbitmq"))).as("console on rabbitmq").containsEntry("condition", "service_healthy");
        assertThat(asMap(service("pay-service").get("depends_on")))
                .containsKeys("user-service", "trade-service", "notify-service", "points-service");
    }

    @Test
    void shouldGiveEachServiceItsOwnDatabaseAccountGrantedOnlyItsOwnDatabase(@TempDir Path tmp)
            throws IOException, InterruptedException {
        assertThat(asList(service("mysql").get("volumes")))
                .anySatisfy(volume -> assertThat(volume).startsWith("./docker/mysql/init:/docker-entrypoint-initdb.d"));
        String sql = initScriptSql(tmp);

        Map<String, String> passwords = new HashMap<>();
        Matcher createUser = Pattern.compile("CREATE USER (?:IF NOT EXISTS )?'([^']+)'@'%' IDENTIFIED BY '((?:[^'\\\\]|''|\\\\.)*)'")
                .matcher(sql);
        while (createUser.find()) {
            passwords.put(createUser.group(1), unquoteSqlString(createUser.group(2)));
        }
        Map<String, List<String>> grants = new HashMap<>();
        Matcher grant = Pattern.compile("GRANT [A-Z ,]+ ON (\\S+) TO '([^']+)'@'%'").matcher(sql);
        while (grant.find()) {
            grants.computeIfAbsent(grant.group(2), user -> new ArrayList<>()).add(grant.group(1));
        }

        Set<String> accounts = new LinkedHashSet<>();
        SERVICE_DATABASES.forEach((name, database) -> {
            String user = environment(name).get("MYSQL_USER");
            assertThat(user).as("%s database account", name).isNotBlank().isNotEqualTo("root");
            accounts.add(user);
            assertThat(passwords).as("account %s is created with %s's password", user, name)
                    .containsEntry(user, environment(name).get("MYSQL_PASSWORD"));
            assertThat(grants.get(user)).as("grants of %s", user).hasSize(1);
            assertThat(grantTargetsExactlyOneDatabase(grants.get(user).get(0), database))
                    .as("%s is granted %s and nothing that a wildcard would add: %s", user, database, grants.get(user))
                    .isTrue();
        });
        assertThat(accounts).as("one account per service").hasSize(SERVICE_DATABASES.size());
        assertThat(sql).as("no account is granted every database").doesNotContain(" ON *.*");
    }

    /** The passwords DockerComposeIT gives a real MySQL; here only what the script writes is read back. */
    @Test
    void shouldHandTheMysqlClientEveryHostilePasswordUnchanged(@TempDir Path tmp) throws IOException, InterruptedException {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("MYSQL_ROOT_PASSWORD", " root 'pa\\\\ss' \"q\" #1 ");
        environment.put("HMALL_USER_DB_PASSWORD", "pa\\sss");
        environment.put("HMALL_TRADE_DB_PASSWORD", "pa\\\\ss it's \"quoted\" \\' \\\"");
        environment.put("HMALL_PAY_DB_PASSWORD", "100%_sure; -- #not a comment");
        environment.put("HMALL_NOTIFY_DB_PASSWORD", "back\\slash\\");
        environment.put("HMALL_POINTS_DB_PASSWORD", "  two  spaces\\n\\t_%  \nand a line break");
        environment.put("HMALL_COUPON_DB_PASSWORD", "coupon's \\ 'quoted' %_");

        InitScriptRun run = runInitScript(tmp, environment);

        List<String> passwordLines = run.options().lines().filter(line -> line.startsWith("password")).toList();
        assertThat(passwordLines).as("root's option file:%n%s", run.options()).hasSize(1);
        assertThat(optionFileValue(passwordLines.get(0))).as("root's password as the client reads it")
                .isEqualTo(environment.get("MYSQL_ROOT_PASSWORD"));
        assertThat(run.sql()).as("backslashes are escapes in the session").startsWith("SET SESSION sql_mode = REPLACE(");
        Map<String, String> passwords = new HashMap<>();
        Matcher createUser = Pattern.compile("CREATE USER IF NOT EXISTS '([^']+)'@'%' IDENTIFIED BY '((?:[^'\\\\]|''|\\\\.)*)';")
                .matcher(run.sql());
        while (createUser.find()) {
            passwords.put(createUser.group(1), unquoteSqlString(createUser.group(2)));
        }
        assertThat(passwords).containsOnly(
                Map.entry("user_svc", environment.get("HMALL_USER_DB_PASSWORD")),
                Map.entry("trade_svc", environment.get("HMALL_TRADE_DB_PASSWORD")),
                Map.entry("pay_svc", environment.get("HMALL_PAY_DB_PASSWORD")),
                Map.entry("notify_svc", environment.get("HMALL_NOTIFY_DB_PASSWORD")),
                Map.entry("points_svc", environment.get("HMALL_POINTS_DB_PASSWORD")),
                Map.entry("coupon_svc", environment.get("HMALL_COUPON_DB_PASSWORD")));
    }

    @Test
    void shouldUseADedicatedRabbitmqUserAndVhost() {
        Map<String, String> broker = environment("rabbitmq");
        String user = broker.get("RABBITMQ_DEFAULT_USER");
        String vhost = broker.get("RABBITMQ_DEFAULT_VHOST");
        assertThat(user).isNotBlank().isNotEqualTo("guest");
        assertThat(vhost).isNotBlank().isNotEqualTo("/");
        APP_PORTS.keySet().forEach(name -> assertThat(environment(name)).as(name)
                .containsEntry("RABBITMQ_USER", user)
                .containsEntry("RABBITMQ_PASSWORD", broker.get("RABBITMQ_DEFAULT_PASS"))
                .containsEntry("RABBITMQ_VHOST", vhost));
    }

    @Test
    void shouldLimitTheMemoryOfEveryContainer() {
        services.keySet().forEach(name -> {
            String limit = memoryLimit(name);
            assertThat(limit).as("%s memory limit", name).isNotNull();
            assertThat(limit).as("%s memory limit", name).matches("\\d+[kKmMgG]?[bB]?");
        });
    }

    @Test
    void shouldBuildEachServiceFromTheOneDockerfileAsANonRootUser() throws IOException {
        APP_PORTS.keySet().forEach(name -> {
            Map<String, Object> build = asMap(service(name).get("build"));
            assertThat(build).as("%s build", name).containsEntry("context", ".");
            assertThat(build.getOrDefault("dockerfile", "Dockerfile")).isEqualTo("Dockerfile");
            assertThat(asMap(build.get("args"))).as("%s build args", name).containsEntry("ARTIFACT_NAME", name);
        });

        List<String> dockerfile = Files.readAllLines(root.resolve("Dockerfile"));
        List<String> runtimeStage = dockerfile.subList(lastIndexStartingWith(dockerfile, "FROM "), dockerfile.size());
        assertThat(runtimeStage.get(0)).isEqualTo("FROM ${JRE_IMAGE}");
        int firstRun = firstIndexStartingWith(runtimeStage, "RUN ");
        assertThat(runtimeStage.subList(0, firstRun)).as("no ARG before the runtime stage's first RUN: its layer would differ per service")
                .noneMatch(line -> line.startsWith("ARG "));
        List<String> sharedStages = dockerfile.subList(0, firstIndexStartingWith(dockerfile, "FROM build AS artifact")).stream()
                .filter(line -> !line.startsWith("#")).toList();
        assertThat(sharedStages).as("the dependency download and the compile do not depend on the service: one for all five")
                .noneMatch(line -> line.contains("ARTIFACT_NAME"))
                .anySatisfy(line -> assertThat(line).contains("-DskipTests package"));
        assertThat(dockerfile).contains("ARG ARTIFACT_NAME");
        String user = runtimeStage.get(lastIndexStartingWith(runtimeStage, "USER ")).substring("USER ".length()).trim();
        assertThat(user).as("the runtime user").isNotIn("root", "0", "0:0");
        assertThat(runtimeStage).anySatisfy(line -> assertThat(line).contains("MaxRAMPercentage"));
        assertThat(dockerfile).as("no secret is baked into the image")
                .filteredOn(line -> line.startsWith("ENV ") || line.startsWith("ARG "))
                .noneSatisfy(line -> assertThat(line).containsIgnoringCase("PASSWORD"))
                .noneSatisfy(line -> assertThat(line).containsIgnoringCase("SECRET"));
    }

    // --- the init script, run as the mysql image would run it, with a stand-in for the mysql client

    /** What the init script hands the mysql client: the SQL on its input and root's option file. */
    private record InitScriptRun(String sql, String options) {
    }

    private static String initScriptSql(Path tmp) throws IOException, InterruptedException {
        String sql = runInitScript(tmp, environment("mysql")).sql();
        // The health check takes the databases' directories as the sign that every account exists.
        assertThat(sql.lastIndexOf("GRANT ")).as("every account and grant before the first database")
                .isLessThan(sql.indexOf("CREATE DATABASE"));
        String healthcheck = String.join(" ", asList(asMap(service("mysql").get("healthcheck")).get("test")));
        Matcher databases = Pattern.compile("/var/lib/mysql/hm_\\{([a-z,]+)}").matcher(healthcheck);
        assertThat(databases.find()).as("the mysql health check looks for the databases: %s", healthcheck).isTrue();
        Set<String> awaited = new LinkedHashSet<>();
        for (String name : databases.group(1).split(",")) {
            awaited.add("hm_" + name);
        }
        assertThat(awaited).containsExactlyInAnyOrderElementsOf(SERVICE_DATABASES.values());
        return sql;
    }

    private static InitScriptRun runInitScript(Path tmp, Map<String, String> environment) throws IOException, InterruptedException {
        Path script = root.resolve("docker/mysql/init/01-service-accounts.sh");
        assumeThat(Files.isExecutable(Paths.get("/bin/bash"))).as("bash is needed to run the init script").isTrue();
        assertThat(Files.isExecutable(script)).as("executable, so the mysql image runs it rather than sourcing it").isTrue();

        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path sql = tmp.resolve("statements.sql");
        Path options = tmp.resolve("options.cnf");
        Path mysql = bin.resolve("mysql");
        Files.writeString(mysql, """
                #!/bin/sh
                for argument; do
                  case "$argument" in --defaults-extra-file=*) cat "${argument#--defaults-extra-file=}" > "$CAPTURED_OPTIONS" ;; esac
                done
                cat > "$CAPTURED_SQL"
                """);
        Files.setPosixFilePermissions(mysql, PosixFilePermissions.fromString("rwxr-xr-x"));

        ProcessBuilder run = new ProcessBuilder("/bin/bash", script.toString()).redirectErrorStream(true);
        run.environment().putAll(environment);
        run.environment().put("PATH", bin + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        run.environment().put("CAPTURED_SQL", sql.toString());
        run.environment().put("CAPTURED_OPTIONS", options.toString());
        Process process = run.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("init script output: %s", output).isZero();
        return new InitScriptRun(Files.readString(sql), Files.readString(options));
    }

    /**
     * A value of a MySQL option file as the client reads it (mysys' my_default: a # outside quotes
     * starts a comment, surrounding spaces and one pair of matching quotes go, and \\ \" \' \n \t \r
     * \b \s are escapes).
     */
    static String optionFileValue(String line) {
        String value = line.substring(line.indexOf('=') + 1);
        StringBuilder uncommented = new StringBuilder();
        char quote = 0;
        boolean escape = false;
        for (char c : value.toCharArray()) {
            if ((c == '\'' || c == '"') && !escape) {
                quote = quote == 0 ? c : (quote == c ? 0 : quote);
            }
            if (quote == 0 && c == '#') {
                break;
            }
            escape = quote != 0 && c == '\\' && !escape;
            uncommented.append(c);
        }
        value = uncommented.toString().strip();
        if (value.length() > 1 && (value.charAt(0) == '"' || value.charAt(0) == '\'') && value.charAt(0) == value.charAt(value.length() - 1)) {
            value = value.substring(1, value.length() - 1);
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length()) {
                char next = value.charAt(++i);
                switch (next) {
                    case 'n' -> text.append('\n');
                    case 't' -> text.append('\t');
                    case 'r' -> text.append('\r');
                    case 'b' -> text.append('\b');
                    case 's' -> text.append(' ');
                    case '"', '\'', '\\' -> text.append(next);
                    default -> text.append('\\').append(next);
                }
            } else {
                text.append(c);
            }
        }
        return text.toString();
    }

    private static String unquoteSqlString(String body) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\\' || (c == '\'' && i + 1 < body.length() && body.charAt(i + 1) == '\'')) {
                i++;
                c = body.charAt(i);
            }
            text.append(c);
        }
        return text.toString();
    }

    /** A GRANT's `db`.* names one database only if it has no unescaped wildcard ({@code _}, {@code %}). */
    private static boolean grantTargetsExactlyOneDatabase(String target, String database) {
        if (!target.startsWith("`") || !target.endsWith("`.*")) {
            return false;
        }
        String pattern = target.substring(1, target.length() - "`.*".length());
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                name.append(pattern.charAt(++i));
            } else if (c == '_' || c == '%') {
                return false;
            } else {
                name.append(c);
            }
        }
        return name.toString().equals(database);
    }

    // --- reading the compose file

    static Path repositoryRoot() {
        String configured = System.getenv("HMALL_ROOT");
        if (configured != null && !configured.isBlank()) {
            return Paths.get(configured).toAbsolutePath().normalize();
        }
        for (Path dir = Paths.get(System.getProperty("user.dir")).toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("docker-compose.yml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("No docker-compose.yml above " + System.getProperty("user.dir") + "; set HMALL_ROOT");
    }

    static Map<String, Object> service(String name) {
        assertThat(services).as("services in docker-compose.yml").containsKey(name);
        return asMap(services.get(name));
    }

    /** The service's environment as written, before interpolation. */
    static Map<String, String> rawEnvironment(String name) {
        Object environment = service(name).get("environment");
        Map<String, String> variables = new LinkedHashMap<>();
        if (environment instanceof Map<?, ?> map) {
            map.forEach((key, value) -> variables.put(key.toString(), value == null ? "" : value.toString()));
        } else if (environment instanceof List<?> list) {
            list.forEach(entry -> {
                String[] pair = entry.toString().split("=", 2);
                variables.put(pair[0], pair.length > 1 ? pair[1] : "");
            });
        }
        return variables;
    }

    /** The service's environment as Compose would pass it with no variable set on the host. */
    static Map<String, String> environment(String name) {
        Map<String, String> variables = new LinkedHashMap<>();
        rawEnvironment(name).forEach((key, value) -> variables.put(key, interpolateWithDefaults(value)));
        return variables;
    }

    /** Host port to container port, for the short syntax ("8081:8081", "127.0.0.1:5672:5672"). */
    static Map<Integer, Integer> publishedPorts(String name) {
        Map<Integer, Integer> ports = new LinkedHashMap<>();
        for (String mapping : asList(service(name).get("ports"))) {
            String[] parts = interpolateWithDefaults(mapping).split(":");
            if (parts.length >= 2) {
                ports.put(Integer.valueOf(parts[parts.length - 2]), Integer.valueOf(parts[parts.length - 1].replace("/tcp", "")));
            }
        }
        return ports;
    }

    /** Compose's interpolation with an empty host environment: {@code ${X:-d}} and {@code ${X-d}} give d. */
    static String interpolateWithDefaults(String value) {
        return ComposeInterpolation.withDefaults(value);
    }

    /** The words of a bash array assignment such as {@code NAME=(A B C)}, which may span lines. */
    private static Set<String> shellArray(String script, String name) {
        Matcher matcher = Pattern.compile("(?m)^\\s*" + name + "=\\(([^)]*)\\)").matcher(script);
        assertThat(matcher.find()).as("%s=(...) in scripts/start-local.sh", name).isTrue();
        Set<String> words = new LinkedHashSet<>();
        for (String line : matcher.group(1).split("\n")) {
            String code = line.replaceFirst("#.*", "").trim();
            if (!code.isEmpty()) {
                words.addAll(List.of(code.split("\\s+")));
            }
        }
        return words;
    }

    private static int lastIndexStartingWith(List<String> lines, String prefix) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError("no line starting with " + prefix);
    }

    private static int firstIndexStartingWith(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError("no line starting with " + prefix);
    }

    /** The image a service runs, as Docker names it with every variable at its default. */
    static String image(String name) {
        return interpolateWithDefaults(String.valueOf(service(name).get("image"))).replaceFirst("^library/", "");
    }

    static String memoryLimit(String name) {
        Map<String, Object> definition = service(name);
        Object deployLimit = asMap(asMap(asMap(definition.get("deploy")).get("resources")).get("limits")).get("memory");
        Object limit = deployLimit != null ? deployLimit : definition.get("mem_limit");
        return limit == null ? null : limit.toString();
    }

    private static long mebibytes(String size) {
        Matcher matcher = Pattern.compile("(\\d+)([kKmMgG]?)[bB]?").matcher(size);
        assertThat(matcher.matches()).as("a size: %s", size).isTrue();
        long value = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2).toLowerCase()) {
            case "g" -> value * 1024;
            case "m" -> value;
            case "k" -> value / 1024;
            default -> value / (1024 * 1024);
        };
    }

    /** A Compose duration such as 40s, 1m30s or 2m, in seconds. */
    private static long seconds(Object duration) {
        assertThat(duration).as("a duration").isNotNull();
        Matcher matcher = Pattern.compile("(?:(\\d+)m)?(?:(\\d+)s)?").matcher(duration.toString());
        assertThat(matcher.matches()).as("a duration: %s", duration).isTrue();
        return (matcher.group(1) == null ? 0 : Long.parseLong(matcher.group(1)) * 60)
                + (matcher.group(2) == null ? 0 : Long.parseLong(matcher.group(2)));
    }

    /** The project's version, from the parent pom: the built images carry it as their tag. */
    private static String projectVersion() throws IOException {
        Matcher matcher = Pattern.compile("</parent>.*?<version>([^<]+)</version>", Pattern.DOTALL)
                .matcher(Files.readString(root.resolve("pom.xml")));
        assertThat(matcher.find()).as("the project version in pom.xml").isTrue();
        return matcher.group(1);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object value) {
        return value instanceof Map<?, ?> ? (Map<String, Object>) value : Map.of();
    }

    static List<String> asList(Object value) {
        List<String> items = new ArrayList<>();
        if (value instanceof List<?> list) {
            list.forEach(item -> items.add(String.valueOf(item)));
        } else if (value != null) {
            items.add(value.toString());
        }
        return items;
    }

    private static Map<String, Integer> appPorts() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put(CONSOLE, CONSOLE_PORT);
        ports.putAll(SERVICE_PORTS);
        return Collections.unmodifiableMap(ports);
    }

    @SuppressWarnings("unchecked")
    private static <K, V> Map<K, V> orderedMap(Object... keysAndValues) {
        Map<K, V> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((K) keysAndValues[i], (V) keysAndValues[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }
}
