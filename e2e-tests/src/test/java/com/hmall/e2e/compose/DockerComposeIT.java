package com.hmall.e2e.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.yaml.snakeyaml.Yaml;

import com.hmall.e2e.support.ComposeInterpolation;
import com.hmall.e2e.support.LocalSuite;
import com.hmall.e2e.support.Services;
import com.hmall.e2e.support.Services.Reply;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.AnnotationKeyword;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * docker-compose.yml for real: the suite built and run under Docker Compose on this machine's
 * engine, under its own project name, host ports and image tag, so a classroom suite running on
 * the usual ports with the usual images is neither disturbed nor replaced. It checks the file
 * against the rules of both Compose versions, the MySQL init script against hostile passwords,
 * times a cold and a warm start to all healthy, reads each container's memory, drives the
 * README's curl session over the published ports, and carries the images through
 * {@code scripts/images.sh save} and {@code load}. The figures go to
 * {@code e2e-tests/target/compose-report.txt}.
 *
 * <p>It needs a Docker engine and the base images and gets them the way CI does
 * ({@code scripts/ensure-docker.sh}); it fails, never skips, when it cannot. Everything it starts
 * is removed at the end ({@code down -v}), whatever happened.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DockerComposeIT {

    static final String PROJECT = "hmall-compose-it";
    static final String VERSION = "compose-it";
    /** Debian's CLI: a newer docker earlier on PATH may lack the buildx plugin. */
    static final String DOCKER = "/usr/bin/docker";
    static final List<String> BASE_IMAGES = List.of(
            "maven:3.9-eclipse-temurin-17", "eclipse-temurin:17-jre", "mysql:8.4", "rabbitmq:4-management");

    /**
     * Host ports of their own, clear of the usual ones (8080-8085, 3306, 5672, 15672), of the other
     * end-to-end tests' (1808x) and of a local RabbitMQ's distribution ports (25672, and 35672-35682,
     * which every rabbitmqctl call listens on while it runs).
     */
    static final Map<String, String> PORTS = ordered("HMALL_CONSOLE_PORT", "28080",
            "HMALL_USER_PORT", "28081", "HMALL_TRADE_PORT", "28082", "HMALL_PAY_PORT", "28083",
            "HMALL_NOTIFY_PORT", "28084", "HMALL_POINTS_PORT", "28085", "HMALL_COUPON_PORT", "28086",
            "HMALL_MYSQL_HOST_PORT", "23306",
            "HMALL_AMQP_HOST_PORT", "26672", "HMALL_MANAGEMENT_HOST_PORT", "45672",
            "HMALL_ZIPKIN_PORT", "29411", "HMALL_PROMETHEUS_PORT", "29090", "HMALL_GRAFANA_PORT", "23000");

    static final String RABBITMQ_PASSWORD = "compose-it-rabbit";

    static final Map<String, String> SERVICE_DATABASES = ordered(
            "user_svc", "hm_user", "trade_svc", "hm_trade", "pay_svc", "hm_pay",
            "notify_svc", "hm_notify", "points_svc", "hm_points", "coupon_svc", "hm_coupon");

    /** The variable of docker-compose.yml that sets each account's password. */
    static final Map<String, String> PASSWORD_VARIABLES = ordered(
            "root", "HMALL_MYSQL_ROOT_PASSWORD", "user_svc", "HMALL_USER_DB_PASSWORD",
            "trade_svc", "HMALL_TRADE_DB_PASSWORD", "pay_svc", "HMALL_PAY_DB_PASSWORD",
            "notify_svc", "HMALL_NOTIFY_DB_PASSWORD", "points_svc", "HMALL_POINTS_DB_PASSWORD",
            "coupon_svc", "HMALL_COUPON_DB_PASSWORD");

    /** What a password goes through on its way into MySQL: option files, SQL literals, the shell. */
    static final Map<String, String> HOSTILE_PASSWORDS = ordered(
            "HMALL_MYSQL_ROOT_PASSWORD", " root 'pa\\\\ss' \"q\" #1 ",
            "HMALL_USER_DB_PASSWORD", "pa\\sss",
            "HMALL_TRADE_DB_PASSWORD", "pa\\\\ss it's \"quoted\" \\' \\\"",
            "HMALL_PAY_DB_PASSWORD", "100%_sure; -- #not a comment",
            "HMALL_NOTIFY_DB_PASSWORD", "back\\slash\\",
            "HMALL_POINTS_DB_PASSWORD", "  two  spaces\\n\\t_%  ",
            "HMALL_COUPON_DB_PASSWORD", "coupon's \\ 'quoted' %_");

    /** The eight containers of `docker compose up`, in the order they start. */
    static final Set<String> SUITE = new LinkedHashSet<>(List.of("mysql", "rabbitmq", "console", "user-service",
            "trade-service", "notify-service", "points-service", "pay-service"));
    /** Generous: on two cores that another build shares, a start was seen to take almost five minutes. */
    static final Duration START_LIMIT = Duration.ofMinutes(8);
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static Path root;
    private static Path target;
    private static Commands commands;
    private static List<String> compose;
    private static final Map<String, String> figures = new LinkedHashMap<>();
    private static final Instant began = Instant.now();
    private static boolean built;
    private static long orderPaidBeforeRestart;

    @BeforeAll
    static void prepareDocker() {
        root = LocalSuite.repositoryRoot();
        target = root.resolve("e2e-tests/target");
        Map<String, String> environment = new LinkedHashMap<>(PORTS);
        environment.put("PATH", "/usr/bin:" + System.getenv().getOrDefault("PATH", "/bin"));
        environment.put("COMPOSE_PROJECT_NAME", PROJECT);
        environment.put("HMALL_VERSION", VERSION);
        environment.put("HMALL_BIND", "127.0.0.1");
        // Its own, so a password set in the caller's shell cannot lock the test out of the management API.
        environment.put("HMALL_RABBITMQ_PASSWORD", RABBITMQ_PASSWORD);
        commands = new Commands(root, environment, target.resolve("compose-it.log"));
        commands.note("compose test of " + root + ", project " + PROJECT + ", images hmall/*:" + VERSION);

        if (!commands.run(Duration.ofSeconds(30), List.of(DOCKER, "info")).ok() || BASE_IMAGES.stream().anyMatch(image -> !imagePresent(image))) {
            commands.note("no engine or a base image missing: scripts/ensure-docker.sh, as .ci/run does");
            Commands.Result ensured = commands.check(Duration.ofMinutes(25), List.of("bash", "scripts/ensure-docker.sh"));
            figures.put("scripts/ensure-docker.sh (engine, base images)", seconds(ensured.took()));
        }
        BASE_IMAGES.forEach(image -> assertThat(imagePresent(image)).as("base image %s", image).isTrue());

        compose = commands.run(Duration.ofSeconds(30), List.of(DOCKER, "compose", "version")).ok()
                ? List.of(DOCKER, "compose") : List.of("docker-compose");
        commands.check(Duration.ofSeconds(30), concat(compose, List.of("version")));
        commands.note("compose binary: " + String.join(" ", compose));

        // Whatever an interrupted earlier run left behind goes first.
        compose(Duration.ofMinutes(3), "--profile", "observability", "--profile", "coupon", "--profile", "cluster", "down", "-v",
                "--remove-orphans");
        Commands.Result ports = commands.run(Duration.ofSeconds(60), List.of("bash", "scripts/check-ports.sh"));
        assertThat(ports.exitCode()).as("the test's host ports are free (scripts/check-ports.sh):\n%s", ports.output()).isZero();
    }

    @AfterAll
    static void tearDown() throws IOException {
        if (commands == null) {
            return;
        }
        try {
            if (compose != null) {
                Commands.Result down = compose(Duration.ofMinutes(3), "--profile", "observability", "--profile", "coupon", "--profile", "cluster", "down", "-v",
                "--remove-orphans");
                assertThat(down.ok()).as("down -v: %s", down.tail()).isTrue();
            }
        } finally {
            Files.deleteIfExists(imagesFile());
            figures.put("whole compose test", seconds(Duration.between(began, Instant.now())));
            StringBuilder text = new StringBuilder("DockerComposeIT on this machine (")
                    .append(Runtime.getRuntime().availableProcessors()).append(" cores), ")
                    .append(String.join(" ", compose == null ? List.of("?") : compose)).append(", ").append(Instant.now())
                    .append("\nrun alone with: ./mvnw -B -pl e2e-tests -am verify -Dit.test=DockerComposeIT -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false\n\n");
            figures.forEach((name, value) -> text.append(String.format("%-48s %s%n", name, value)));
            Files.createDirectories(target);
            Files.writeString(target.resolve("compose-report.txt"), text.toString());
            System.out.println("[compose-it] report (e2e-tests/target/compose-report.txt):\n" + text);
        }
    }

    @Test
    @Order(1)
    void shouldFollowTheRulesOfDockerCompose129AndOfComposeV2() throws IOException {
        for (List<String> binary : composeBinaries()) {
            for (List<String> profile : List.of(List.<String>of(), List.of("--profile", "observability"), List.of("--profile", "coupon"))) {
                List<String> config = concat(binary, concat(profile, List.of("config", "-q")));
                Commands.Result withTestPorts = commands.run(Duration.ofSeconds(60), config);
                assertThat(withTestPorts.ok()).as(withTestPorts.tail()).isTrue();
                Commands.Result asShipped = commands.run(Duration.ofSeconds(60), asShippedEnvironment(), config);
                assertThat(asShipped.ok()).as("with .env and the defaults: %s", asShipped.tail()).isTrue();
            }
        }

        String file = Files.readString(root.resolve("docker-compose.yml"));
        assertThat(Pattern.compile("(?m)^name:").matcher(file).find()).as("a top-level name: (docker-compose 1.29 rejects it)").isFalse();
        assertThat(Pattern.compile("(?m)^\\s+start_interval:").matcher(file).find())
                .as("a health check's start_interval (docker-compose 1.29 rejects it)").isFalse();
        List<String> dockerfile = Files.readAllLines(root.resolve("Dockerfile"));
        assertThat(dockerfile).as("a `# syntax=` line makes BuildKit fetch a frontend from Docker Hub")
                .noneMatch(line -> line.matches("(?i)#\\s*syntax\\s*=.*"));
        assertThat(dockerfile).as("RUN --mount, which the classic builder (docker-compose 1.29's) rejects")
                .noneMatch(line -> line.matches("(?i)\\s*RUN\\s+--mount.*"));

        Schema schema = composeSpecification();
        assertThat(schema.validate(JSON.readTree("{\"services\":{\"a\":{\"image\":1,\"bogus\":true}}}")))
                .as("the validator rejects a broken file").isNotEmpty();
        Map<String, Object> raw = new Yaml().load(file);
        assertThat(schema.validate(JSON.valueToTree(raw))).as("docker-compose.yml as written, against compose-spec.json")
                .extracting(Error::toString).isEmpty();
        Map<String, Object> interpolated = new Yaml().load(ComposeInterpolation.withDefaults(file));
        assertThat(schema.validate(JSON.valueToTree(interpolated)))
                .as("docker-compose.yml with its defaults, against compose-spec.json").extracting(Error::toString).isEmpty();
    }

    @Test
    @Order(2)
    void shouldCreateEveryDatabaseAccountWithExactlyItsHostilePassword() throws SQLException {
        try {
            Instant start = Instant.now();
            Commands.Result up = compose(Duration.ofMinutes(3), HOSTILE_PASSWORDS, "up", "-d", "mysql");
            assertThat(up.ok()).as(up.tail()).isTrue();
            awaitHealthy(Set.of("mysql"), Duration.ofMinutes(3));
            figures.put("MySQL alone, hostile passwords: up to healthy", seconds(Duration.between(start, Instant.now())));

            String url = "jdbc:mysql://127.0.0.1:" + PORTS.get("HMALL_MYSQL_HOST_PORT")
                    + "/?allowPublicKeyRetrieval=true&connectTimeout=5000";
            String rootPassword = HOSTILE_PASSWORDS.get(PASSWORD_VARIABLES.get("root"));
            try (Connection root = login(url, "root", rootPassword)) {
                assertThat(rows(root, "SELECT user FROM mysql.user WHERE user LIKE '%\\_svc'"))
                        .containsExactlyInAnyOrderElementsOf(SERVICE_DATABASES.keySet());
            }
            assertRefused(url, "root", rootPassword.strip());

            for (Map.Entry<String, String> account : SERVICE_DATABASES.entrySet()) {
                String user = account.getKey();
                String database = account.getValue();
                String password = HOSTILE_PASSWORDS.get(PASSWORD_VARIABLES.get(user));
                try (Connection connection = login(url, user, password); Statement statement = connection.createStatement()) {
                    Set<String> visible = new TreeSet<>(rows(connection, "SHOW DATABASES"));
                    visible.remove("information_schema");
                    assertThat(visible).as("databases %s sees", user).containsExactly(database);
                    statement.execute("CREATE TABLE `" + database + "`.compose_it_probe (id INT)");
                    statement.execute("DROP TABLE `" + database + "`.compose_it_probe");
                    for (String other : SERVICE_DATABASES.values()) {
                        if (!other.equals(database)) {
                            assertThatThrownBy(() -> statement.execute("CREATE TABLE `" + other + "`.compose_it_probe (id INT)"))
                                    .as("%s in %s", user, other).isInstanceOf(SQLException.class);
                        }
                    }
                }
                assertRefused(url, user, password.substring(0, password.length() - 1));
                assertRefused(url, user, password.strip() + "x");
            }
        } finally {
            compose(Duration.ofMinutes(3), "down", "-v", "--remove-orphans");
        }
    }

    @Test
    @Order(3)
    void shouldBuildStartColdAndPlayTheReadmesSession() {
        // coupon-service's image too: the walkthrough's chapter 5 starts it under its profile.
        Commands.Result build = compose(Duration.ofMinutes(20), "--profile", "coupon", "build");
        assertThat(build.ok()).as(build.tail()).isTrue();
        built = true;
        figures.put("build, seven images with the profile coupon (" + (dependencyLayerReused(build.output()) ? "dependency layer cached" : "dependencies downloaded")
                + ")", seconds(build.took()));
        // docker-compose 1.29 built with the classic builder; Compose v2 builds with BuildKit.
        String buildKitTag = "hmall/user-service:" + VERSION + "-buildkit";
        Commands.Result buildKit = commands.run(Duration.ofMinutes(10), Map.of("DOCKER_BUILDKIT", "1"), List.of(DOCKER, "build",
                "--build-arg", "ARTIFACT_NAME=user-service", "--build-arg", "MAVEN_IMAGE=library/maven:3.9-eclipse-temurin-17",
                "--build-arg", "JRE_IMAGE=library/eclipse-temurin:17-jre", "-t", buildKitTag, "."));
        commands.run(Duration.ofMinutes(1), List.of(DOCKER, "rmi", buildKitTag));
        assertThat(buildKit.ok()).as("the Dockerfile with BuildKit: %s", buildKit.tail()).isTrue();
        figures.put("build of one image with BuildKit", seconds(buildKit.took()));

        startAndAwaitHealthy("cold start: up -d to all healthy (new volumes)", "up", "-d");
        readMemory("after the cold start");

        Services services = services();
        long balance = balanceOf(services);
        long points = pointsOf(services);

        Purchase async = purchase(services, 12_345);
        Reply paid = pay(services, async);
        assertThat(paid.status()).as("async payment: %s", paid.body()).isEqualTo(200);
        assertThat(paid.text("status")).isEqualTo("SUCCESS");
        assertThat(paid.text("mode")).isEqualTo("async");
        eventually().untilAsserted(() -> {
            assertThat(services.trade.get("/orders/" + async.orderId()).text("status")).isEqualTo("PAID");
            assertThat(notificationsFor(services, async.payOrderNo())).isEqualTo(1);
            assertThat(pointsOf(services)).isEqualTo(points + 123);
        });
        assertThat(balanceOf(services)).isEqualTo(balance - 12_345);
        orderPaidBeforeRestart = async.orderId();
        // The console drew it from the containers' spans: every step, and every service that took the event.
        eventually().untilAsserted(() -> assertThat(consoleLanesOf(services, async.payOrderNo())).contains(
                "user-service/deduct/ok", "pay-service/pay-order/ok", "pay-service/publish/ok",
                "trade-service/consume/ok", "notify-service/consume/ok", "points-service/consume/ok"));

        assertThat(services.pay.put("/mode", "{\"mode\":\"sync\"}").status()).isEqualTo(200);
        Purchase sync = purchase(services, 500);
        Reply syncPaid = pay(services, sync);
        assertThat(syncPaid.status()).as("sync payment: %s", syncPaid.body()).isEqualTo(200);
        assertThat(syncPaid.text("mode")).isEqualTo("sync");
        assertThat(services.trade.get("/orders/" + sync.orderId()).text("status")).isEqualTo("PAID");
        assertThat(notificationsFor(services, sync.payOrderNo())).isEqualTo(1);
        assertThat(pointsOf(services)).isEqualTo(points + 123 + 5);
        assertThat(balanceOf(services)).isEqualTo(balance - 12_345 - 500);

        assertThat(services.notify.put("/demo/chaos", "{\"latencyMs\":0,\"outage\":true}").status()).isEqualTo(200);
        Purchase failing = purchase(services, 700);
        Reply cascaded = pay(services, failing);
        assertThat(cascaded.status()).as("sync payment, notify-service down: %s", cascaded.body()).isEqualTo(502);
        assertThat(cascaded.code()).isEqualTo("DOWNSTREAM_FAILED");
        assertThat(cascaded.body().toString()).contains("notify-service");
        assertThat(balanceOf(services)).as("the money is back").isEqualTo(balance - 12_345 - 500);
        assertThat(services.trade.get("/orders/" + failing.orderId()).text("status")).isEqualTo("UNPAID");
        assertThat(services.pay.get("/pay-orders/" + failing.payOrderId()).text("status")).isEqualTo("WAITING");

        assertThat(services.pay.put("/mode", "{\"mode\":\"async\"}").status()).isEqualTo(200);
        Reply isolated = pay(services, failing);
        assertThat(isolated.status()).as("async payment, notify-service down: %s", isolated.body()).isEqualTo(200);
        assertThat(isolated.text("status")).isEqualTo("SUCCESS");
        eventually().untilAsserted(() -> {
            assertThat(services.trade.get("/orders/" + failing.orderId()).text("status")).isEqualTo("PAID");
            assertThat(pointsOf(services)).isEqualTo(points + 123 + 5 + 7);
            assertThat(queueDepth("notify.pay.success.queue")).as("the notification waits in its queue").isEqualTo(1);
        });
        assertThat(balanceOf(services)).isEqualTo(balance - 12_345 - 500 - 700);

        assertThat(services.notify.put("/demo/chaos", "{\"latencyMs\":0,\"outage\":false}").status()).isEqualTo(200);
        eventually().untilAsserted(() -> {
            assertThat(notificationsFor(services, failing.payOrderNo())).as("the notification, once notify-service is back").isEqualTo(1);
            assertThat(queueDepth("notify.pay.success.queue")).isZero();
        });
    }

    /**
     * The classroom walkthrough against the compose suite, as a teacher runs it there: nothing set but
     * where the services are. Every chapter runs (the management API is the broker's own, its user
     * found by the script) and every claim holds.
     */
    @Test
    @Order(4)
    void shouldHoldEveryClaimOfTheWalkthrough() {
        assertThat(built).as("the suite of the cold start (an earlier step failed)").isTrue();
        Map<String, String> where = new LinkedHashMap<>();
        where.put("USER_SERVICE_URL", "http://127.0.0.1:" + PORTS.get("HMALL_USER_PORT"));
        where.put("TRADE_SERVICE_URL", "http://127.0.0.1:" + PORTS.get("HMALL_TRADE_PORT"));
        where.put("PAY_SERVICE_URL", "http://127.0.0.1:" + PORTS.get("HMALL_PAY_PORT"));
        where.put("NOTIFY_SERVICE_URL", "http://127.0.0.1:" + PORTS.get("HMALL_NOTIFY_PORT"));
        where.put("POINTS_SERVICE_URL", "http://127.0.0.1:" + PORTS.get("HMALL_POINTS_PORT"));
        where.put("COUPON_SERVICE_URL", "http://127.0.0.1:" + PORTS.get("HMALL_COUPON_PORT"));
        where.put("CONSOLE_URL", "http://127.0.0.1:" + PORTS.get("HMALL_CONSOLE_PORT"));

        Commands.Result walkthrough = commands.run(Duration.ofMinutes(5), where, List.of("bash", "scripts/walkthrough.sh"));

        // Chapter 5 started coupon-service under its profile and left it running: the later steps want the
        // eight containers of `docker compose up` only.
        Commands.Result removeCoupon = compose(Duration.ofMinutes(2), "--profile", "coupon", "rm", "-s", "-f", "coupon-service");

        assertThat(walkthrough.ok()).as("the walkthrough's exit status; its output:%n%s", walkthrough.output()).isTrue();
        List<String> verdicts = walkthrough.output().lines().filter(line -> line.startsWith("  => ")).toList();
        assertThat(verdicts).as("one verdict per claim, chapters 1 to 5").hasSize(8).containsOnly("  => held");
        assertThat(walkthrough.output()).as("chapter 5 started coupon-service under compose")
                .contains("docker compose --profile coupon up -d --no-deps coupon-service", "coupon-service is UP after");
        assertThat(removeCoupon.ok()).as(removeCoupon.tail()).isTrue();
        figures.put("scripts/walkthrough.sh, all five chapters held (coupon-service started in chapter 5)", seconds(walkthrough.took()));
    }

    @Test
    @Order(5)
    void shouldStartWarmWithTheDataOfTheColdRun() {
        assertThat(built).as("the images of the cold start (an earlier step failed)").isTrue();
        Commands.Result stop = compose(Duration.ofMinutes(3), "stop");
        assertThat(stop.ok()).as(stop.tail()).isTrue();
        figures.put("stop (graceful shutdown of all eight)", seconds(stop.took()));

        startAndAwaitHealthy("warm start: stop, then up -d to all healthy", "up", "-d");
        readMemory("after the warm start");
        assertThat(services().trade.get("/orders/" + orderPaidBeforeRestart).text("status"))
                .as("the order paid before the restart").isEqualTo("PAID");
    }

    @Test
    @Order(6)
    void shouldCarryEveryImageThroughAFileAndStartWithoutBuildingOrPulling() throws IOException {
        assertThat(built).as("the images of the cold start (an earlier step failed)").isTrue();
        Path file = imagesFile();
        Commands.Result save = commands.run(Duration.ofMinutes(10), List.of("bash", "scripts/images.sh", "save", file.toString()));
        assertThat(save.ok()).as(save.tail()).isTrue();
        figures.put("scripts/images.sh save (" + Files.size(file) / (1024 * 1024) + " MiB)", seconds(save.took()));

        List<String> needed = commands.check(Duration.ofMinutes(1), List.of("bash", "scripts/images.sh", "list")).output().lines()
                .map(String::strip).filter(line -> !line.isEmpty()).toList();
        assertThat(needed).as("images of the suite").hasSize(8).contains("hmall/pay-service:" + VERSION, "hmall/console:" + VERSION);
        Set<String> saved = savedImages(file);
        needed.forEach(image -> assertThat(saved).as("RepoTags in %s", file).contains(familiar(image)));

        Commands.Result down = compose(Duration.ofMinutes(3), "down");
        assertThat(down.ok()).as(down.tail()).isTrue();
        List<String> ours = needed.stream().filter(image -> image.startsWith("hmall/")).toList();
        commands.check(Duration.ofMinutes(2), concat(List.of(DOCKER, "rmi"), ours));
        ours.forEach(image -> assertThat(imagePresent(image)).as("%s removed", image).isFalse());

        Commands.Result load = commands.run(Duration.ofMinutes(10), List.of("bash", "scripts/images.sh", "load", file.toString()));
        assertThat(load.ok()).as(load.tail()).isTrue();
        figures.put("scripts/images.sh load", seconds(load.took()));
        ours.forEach(image -> assertThat(imagePresent(image)).as("%s loaded", image).isTrue());

        // No build, and the default pull policy on a machine without a registry: a missing image would fail here.
        startAndAwaitHealthy("loaded images: up -d --no-build to all healthy (new containers, volumes kept)",
                "up", "-d", "--no-build");
        assertThat(services().trade.get("/orders/" + orderPaidBeforeRestart).text("status")).isEqualTo("PAID");
    }

    /**
     * The profile cluster on the running suite: two more nodes join the broker, every consumer queue
     * gets a member on all three, the services (recreated with every node's address) pay on, and go
     * on paying, every effect arriving, while the seed, which leads every queue, is stopped.
     */
    @Test
    @Order(7)
    void shouldRunOnAThreeNodeClusterAndPayOnWhileTheSeedIsStopped() throws Exception {
        assertThat(built).as("the images of the cold start (an earlier step failed)").isTrue();
        Map<String, String> cluster = Map.of("HMALL_RABBITMQ_ADDRESSES", "rabbitmq:5672,rabbitmq-2:5672,rabbitmq-3:5672");
        Set<String> all = new LinkedHashSet<>(SUITE);
        all.addAll(List.of("rabbitmq-2", "rabbitmq-3"));
        Instant start = Instant.now();
        Commands.Result up = compose(START_LIMIT, cluster, "--profile", "cluster", "up", "-d", "--no-build");
        assertThat(up.ok()).as(up.tail()).isTrue();
        awaitHealthy(all, START_LIMIT.minus(up.took()));
        figures.put("profile cluster: up -d to all ten healthy (services recreated with the node list)",
                seconds(Duration.between(start, Instant.now())));
        List<String> consumerQueues = List.of("trade.pay.success.queue", "notify.pay.success.queue", "points.pay.success.queue");
        eventually().untilAsserted(() -> {
            for (String queue : consumerQueues) {
                assertThat(queueInfo(queue).path("members").valueStream().map(JsonNode::asString).toList())
                        .as("%s's members", queue).containsExactlyInAnyOrder("rabbit@rabbitmq", "rabbit@rabbitmq-2", "rabbit@rabbitmq-3");
            }
        });
        Services services = services();
        eventually().untilAsserted(() -> assertThat(services.console.get("/api/nodes").body().valueStream()
                .filter(node -> node.path("running").asBoolean()).count()).as("the console's nodes").isEqualTo(3));

        List<Purchase> purchases = new ArrayList<>();
        purchases.add(purchase(services, 700));
        assertThat(pay(services, purchases.get(0)).status()).isEqualTo(200);
        Commands.Result stop = compose(Duration.ofMinutes(2), cluster, "--profile", "cluster", "stop", "rabbitmq");
        assertThat(stop.ok()).as(stop.tail()).isTrue();
        try {
            for (int i = 0; i < 3; i++) {
                Purchase purchase = purchase(services, 800 + i);
                Reply paid = pay(services, purchase);
                assertThat(paid.status()).as("payment with the seed stopped: %s", paid.body()).isEqualTo(200);
                purchases.add(purchase);
            }
            Instant stopped = Instant.now();
            eventually().untilAsserted(() -> {
                for (Purchase purchase : purchases) {
                    assertThat(services.trade.get("/orders/" + purchase.orderId()).text("status")).isEqualTo("PAID");
                    assertThat(notificationsFor(services, purchase.payOrderNo())).isEqualTo(1);
                }
            });
            figures.put("profile cluster, seed stopped: 3 payments paid, every effect after",
                    seconds(Duration.between(stopped, Instant.now())));
            Commands.Result leaders = compose(Duration.ofMinutes(1), cluster, "--profile", "cluster", "exec", "-T", "-u",
                    "rabbitmq", "rabbitmq-2", "rabbitmqctl", "-q", "list_queues", "-p", "hmall", "name", "leader");
            List<String> leaderOfEach = leaders.output().lines().map(line -> line.split("\t"))
                    .filter(columns -> columns.length == 2 && consumerQueues.contains(columns[0])).map(columns -> columns[1].strip()).toList();
            assertThat(leaderOfEach).as("the consumer queues' leaders with the seed stopped: %s", leaders.output())
                    .hasSize(consumerQueues.size()).doesNotContain("rabbit@rabbitmq");
            commands.note("queue leaders with the seed stopped:\n" + leaders.output());
        } finally {
            Commands.Result restart = compose(Duration.ofMinutes(2), cluster, "--profile", "cluster", "start", "rabbitmq");
            assertThat(restart.ok()).as(restart.tail()).isTrue();
        }
        awaitHealthy(all, Duration.ofMinutes(3));
    }

    /** A queue of the vhost hmall, as the management API has it. */
    private static JsonNode queueInfo(String queue) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORTS.get("HMALL_MANAGEMENT_HOST_PORT")
                        + "/api/queues/hmall/" + queue))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("hmall:" + RABBITMQ_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(10)).GET().build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("management API for %s: %s", queue, response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    // --- the suite

    /** The console and the five services at the test's host ports. */
    private static Services services() {
        Map<String, String> portVariables = Map.of("console", "HMALL_CONSOLE_PORT", "user-service", "HMALL_USER_PORT",
                "trade-service", "HMALL_TRADE_PORT", "pay-service", "HMALL_PAY_PORT", "notify-service",
                "HMALL_NOTIFY_PORT", "points-service", "HMALL_POINTS_PORT", "coupon-service", "HMALL_COUPON_PORT");
        return Services.at(name -> "http://127.0.0.1:" + PORTS.get(portVariables.get(name)));
    }

    private record Purchase(long orderId, long payOrderId, String payOrderNo, long amount) {
    }

    private static Purchase purchase(Services services, long amount) {
        Reply order = services.trade.post("/orders", "{\"userId\":1,\"amount\":" + amount + "}");
        assertThat(order.status()).as("new order: %s", order.body()).isEqualTo(201);
        Reply payOrder = services.pay.post("/pay-orders",
                "{\"bizOrderNo\":" + order.id() + ",\"userId\":1,\"amount\":" + amount + "}");
        assertThat(payOrder.status()).as("its pay order: %s", payOrder.body()).isIn(200, 201);
        return new Purchase(order.id(), payOrder.id(), payOrder.text("payOrderNo"), amount);
    }

    private static Reply pay(Services services, Purchase purchase) {
        return services.pay.post("/pay-orders/" + purchase.payOrderId() + "/balance-payments", "{\"password\":\"123\"}");
    }

    private static long balanceOf(Services services) {
        return services.user.get("/users/1").number("balance");
    }

    private static long pointsOf(Services services) {
        return services.points.get("/points/1").number("total");
    }

    /** The lanes the console shows for that payment, as service/step/outcome; empty while it has none. */
    private static List<String> consoleLanesOf(Services services, String payOrderNo) {
        Reply payments = services.console.get("/api/payments?limit=50");
        assertThat(payments.status()).as("console /api/payments: %s", payments.body()).isEqualTo(200);
        return payments.body().valueStream().filter(p -> payOrderNo.equals(p.path("payOrderNo").asString()))
                .flatMap(p -> p.path("lanes").valueStream())
                .map(lane -> lane.path("service").asString() + "/" + lane.path("step").asString() + "/"
                        + lane.path("outcome").asString())
                .toList();
    }

    private static long notificationsFor(Services services, String payOrderNo) {
        Reply notifications = services.notify.get("/notifications?userId=1");
        assertThat(notifications.status()).as("notifications: %s", notifications.body()).isEqualTo(200);
        long count = 0;
        for (JsonNode notification : notifications.body()) {
            if (payOrderNo.equals(notification.path("payOrderNo").asString())) {
                count++;
            }
        }
        return count;
    }

    /** Messages in a queue of the vhost hmall, from the management API (refreshed every 5 s). */
    private static long queueDepth(String queue) throws IOException, InterruptedException {
        return queueInfo(queue).path("messages").asLong();
    }

    private static ConditionFactory eventually() {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).ignoreExceptions();
    }

    // --- compose and docker

    private static Commands.Result compose(Duration timeout, String... arguments) {
        return compose(timeout, Map.of(), arguments);
    }

    private static Commands.Result compose(Duration timeout, Map<String, String> environment, String... arguments) {
        return commands.run(timeout, environment, concat(concat(compose, List.of("-p", PROJECT)), List.of(arguments)));
    }

    /** docker-compose (1.29, what ensure-docker.sh installs), and Compose v2 where it answers. */
    private static List<List<String>> composeBinaries() {
        List<List<String>> binaries = new ArrayList<>();
        binaries.add(List.of("docker-compose"));
        if (compose.size() > 1) {
            binaries.add(compose);
        }
        return binaries;
    }

    /** The environment of a student's shell: none of the test's overrides, .env read as shipped. */
    private static Map<String, String> asShippedEnvironment() {
        Map<String, String> environment = new HashMap<>();
        PORTS.keySet().forEach(variable -> environment.put(variable, ""));
        environment.put("COMPOSE_PROJECT_NAME", "");
        environment.put("HMALL_VERSION", "");
        environment.put("HMALL_BIND", "");
        environment.put("HMALL_RABBITMQ_PASSWORD", "");
        return environment;
    }

    /** Runs {@code up} and times it to all eight healthy; the report also gets when each one was. */
    private static Duration startAndAwaitHealthy(String figure, String... upArguments) {
        Instant start = Instant.now();
        Map<String, Duration> healthyAfter = new ConcurrentHashMap<>();
        Thread watcher = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted() && healthyAfter.size() < SUITE.size()) {
                healthOf().forEach((service, health) -> {
                    if ("healthy".equals(health)) {
                        healthyAfter.putIfAbsent(service, Duration.between(start, Instant.now()));
                    }
                });
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "compose-it-health");
        watcher.setDaemon(true);
        watcher.start();
        try {
            Commands.Result up = compose(START_LIMIT, upArguments);
            if (!up.ok()) {
                throw new AssertionError(up.tail() + "\n" + containerStates());
            }
            awaitHealthy(SUITE, START_LIMIT.minus(up.took()));
        } finally {
            watcher.interrupt();
        }
        Duration took = Duration.between(start, Instant.now());
        try {
            watcher.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // The last one may have turned healthy between the watcher's look and the final one.
        SUITE.forEach(service -> healthyAfter.putIfAbsent(service, took));
        StringBuilder each = new StringBuilder();
        SUITE.forEach(service -> each.append(each.length() == 0 ? "" : ", ").append(service).append(' ')
                .append(seconds(healthyAfter.get(service))));
        figures.put(figure, seconds(took) + " (healthy after: " + each + ")");
        return took;
    }

    private static void awaitHealthy(Set<String> services, Duration limit) {
        try {
            await().atMost(limit.isNegative() ? Duration.ofSeconds(1) : limit).pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        Map<String, String> health = healthOf();
                        // Unhealthy is past its start period and its retries: no point in waiting on.
                        assertThat(health).as("containers").doesNotContainValue("unhealthy");
                        return services.stream().allMatch(service -> "healthy".equals(health.get(service)));
                    });
        } catch (RuntimeException | AssertionError e) {
            throw new AssertionError("not all healthy: " + healthOf() + "\n" + containerStates(), e);
        }
    }

    /** The health of each container of the project, by compose service name. */
    private static Map<String, String> healthOf() {
        Commands.Result ids = commands.quietly(Duration.ofSeconds(30), List.of(DOCKER, "ps", "-aq",
                "--filter", "label=com.docker.compose.project=" + PROJECT));
        Map<String, String> health = new LinkedHashMap<>();
        List<String> list = ids.output().lines().map(String::strip).filter(id -> !id.isEmpty()).toList();
        if (list.isEmpty()) {
            return health;
        }
        Commands.Result states = commands.quietly(Duration.ofSeconds(30), concat(List.of(DOCKER, "inspect", "-f",
                "{{index .Config.Labels \"com.docker.compose.service\"}} {{.State.Status}}/{{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}}"), list));
        states.output().lines().map(String::strip).filter(line -> line.contains(" ")).forEach(line -> {
            String[] parts = line.split(" ", 2);
            String[] state = parts[1].split("/");
            health.put(parts[0], "running".equals(state[0]) ? state[1] : state[0]);
        });
        return health;
    }

    /** What went wrong, for a failure's message: each container's state, its last health check, its log's end. */
    private static String containerStates() {
        StringBuilder states = new StringBuilder(compose(Duration.ofSeconds(30), "ps").output());
        List<String> ids = commands.run(Duration.ofSeconds(30), List.of(DOCKER, "ps", "-aq",
                "--filter", "label=com.docker.compose.project=" + PROJECT)).output().lines()
                .map(String::strip).filter(id -> !id.isEmpty()).toList();
        for (String id : ids) {
            states.append(commands.run(Duration.ofSeconds(30), List.of(DOCKER, "inspect", "-f",
                    "\n--- {{.Name}} {{.State.Status}}{{if .State.Health}} {{.State.Health.Status}}, last check: "
                            + "{{with $log := .State.Health.Log}}{{range $log}}{{.Output}}{{end}}{{end}}{{end}}", id)).output());
            states.append(commands.run(Duration.ofSeconds(30), List.of(DOCKER, "logs", "--tail", "25", id)).output());
        }
        return states.toString();
    }

    private static void readMemory(String when) {
        List<String> ids = commands.run(Duration.ofSeconds(30), List.of(DOCKER, "ps", "-q",
                "--filter", "label=com.docker.compose.project=" + PROJECT)).output().lines()
                .map(String::strip).filter(id -> !id.isEmpty()).toList();
        Commands.Result stats = commands.check(Duration.ofSeconds(60), concat(List.of(DOCKER, "stats", "--no-stream", "--format",
                "{{.Name}}\t{{.MemUsage}}"), ids));
        double total = 0;
        for (String line : stats.output().lines().sorted().toList()) {
            String[] parts = line.split("\t");
            if (parts.length == 2) {
                String name = parts[0].replaceFirst("^" + PROJECT + "[_-]", "").replaceFirst("[_-]1$", "");
                figures.put("memory " + when + ": " + name, parts[1].replace(" / ", " of a limit of "));
                total += mebibytes(parts[1].split(" / ")[0]);
            }
        }
        figures.put("memory " + when + ": all eight", String.format("%.0fMiB", total));
    }

    /** Whether the build reused the layer of the Maven dependencies (classic builder or BuildKit output). */
    private static boolean dependencyLayerReused(String buildOutput) {
        List<String> lines = buildOutput.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("spring-boot.repackage.skip")) {
                return lines.get(i).contains("CACHED") || (i + 1 < lines.size() && lines.get(i + 1).contains("Using cache"));
            }
        }
        return false;
    }

    private static boolean imagePresent(String image) {
        return commands.run(Duration.ofSeconds(30), List.of(DOCKER, "image", "inspect", image)).ok();
    }

    private static Path imagesFile() {
        return target.resolve("compose-it-images.tar");
    }

    /** RepoTags of every image in a `docker save` file, from its manifest.json. */
    private static Set<String> savedImages(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] header = new byte[512];
            while (in.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
                String name = new String(header, 0, 100, StandardCharsets.UTF_8).replace("\0", "");
                long size = Long.parseLong(new String(header, 124, 12, StandardCharsets.US_ASCII).replace("\0", "").strip(), 8);
                if (name.equals("manifest.json")) {
                    Set<String> tags = new LinkedHashSet<>();
                    JSON.readTree(in.readNBytes((int) size)).forEach(image -> image.path("RepoTags").forEach(tag -> tags.add(tag.asString())));
                    return tags;
                }
                in.skipNBytes((size + 511) / 512 * 512);
            }
        }
        throw new AssertionError("no manifest.json in " + file);
    }

    /** How docker names an image in RepoTags: without docker.io/ and library/. */
    private static String familiar(String image) {
        return image.replaceFirst("^docker\\.io/", "").replaceFirst("^library/", "");
    }

    // --- MySQL

    private static Connection login(String url, String user, String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        return DriverManager.getConnection(url, properties);
    }

    private static void assertRefused(String url, String user, String password) {
        assertThatThrownBy(() -> login(url, user, password).close())
                .as("%s with a password one character off", user).isInstanceOf(SQLException.class)
                .hasMessageContaining("Access denied");
    }

    private static List<String> rows(Connection connection, String query) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(query)) {
            while (result.next()) {
                values.add(result.getString(1));
            }
        }
        return values;
    }

    private static Schema composeSpecification() throws IOException {
        try (InputStream schema = DockerComposeIT.class.getResourceAsStream("/compose-spec/compose-spec.json")) {
            assertThat(schema).as("compose-spec.json on the test class path").isNotNull();
            // The schema still writes its ids the draft-04 way ("id"), which 2019-09 replaced by "$id";
            // Compose's own validator reads it as an annotation, and so does this.
            Dialect dialect = Dialect.builder(Dialects.getDraft201909()).keyword(new AnnotationKeyword("id")).build();
            return SchemaRegistry.withDialect(dialect).getSchema(schema);
        }
    }

    // --- small things

    /** docker stats' sizes (123.4MiB, 1.2GiB, 800KiB) in MiB. */
    private static double mebibytes(String size) {
        Matcher matcher = Pattern.compile("([0-9.]+)\\s*([KMG]i?B|B)").matcher(size.strip());
        assertThat(matcher.matches()).as("a docker stats size: %s", size).isTrue();
        double value = Double.parseDouble(matcher.group(1));
        return switch (matcher.group(2).charAt(0)) {
            case 'G' -> value * 1024;
            case 'M' -> value;
            case 'K' -> value / 1024;
            default -> value / (1024 * 1024);
        };
    }

    private static String seconds(Duration duration) {
        return String.format("%.1f s", duration.toMillis() / 1000.0);
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        List<T> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private static Map<String, String> ordered(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
