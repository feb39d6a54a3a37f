package com.hmall.e2e.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import com.hmall.e2e.support.Services;
import com.hmall.e2e.support.Services.Service;

import tools.jackson.databind.JsonNode;

/**
 * A cluster fault suite's own world: a three-node RabbitMQ cluster from {@code scripts/start-cluster.sh}
 * (name {@code hmall-cfault}, ports 5751-5753, 15751-15753, 25751-25753) and the console with every
 * service, coupon-service included, from {@code scripts/start-local.sh} against it, on ports 1938x
 * (a second instance of each on its port + 100, 1948x), databases {@code hm_*_cfault}, PIDs and logs
 * under {@code e2e-tests/target/cluster-suite/}. It clashes with neither the usual broker nor a
 * classroom's suite or cluster, nor the other tests' suite (1808x) and cluster (5741-5743).
 *
 * <p>{@link #INSTANCES} is the one switch between one instance of every service and two (the
 * launcher's {@code HMALL_INSTANCES=2}: consumers compete on their queues, pay-services share the
 * outbox, pay-service calls every instance of a downstream).
 */
final class ClusterSuite implements AutoCloseable {

    /** Instances of every service but the console (the launcher's HMALL_INSTANCES): 2, or 1 to run it the old way. */
    static final int INSTANCES = 2;

    static final String DATABASE_SUFFIX = "_cfault";
    /** The contract port plus this: 19380 for the console, 19381 for user-service, ... */
    private static final int PORT_OFFSET = 11_300;
    private static final int SECOND_INSTANCE_OFFSET = 100;
    private static final long START_TIMEOUT_SECONDS = 480;
    /** Every service of the suite but the console, coupon-service included; pay-service, which calls the rest, last. */
    static final List<String> SERVICES = List.of("user-service", "trade-service", "notify-service", "points-service",
            "coupon-service", "pay-service");
    private static final Map<String, Integer> CONTRACT_PORTS = Map.of("console", 8080, "user-service", 8081,
            "trade-service", 8082, "pay-service", 8083, "notify-service", 8084, "points-service", 8085,
            "coupon-service", 8086);
    private static final List<String> DATABASES = List.of("hm_user", "hm_trade", "hm_pay", "hm_notify", "hm_points",
            "hm_coupon");
    /**
     * The JVMs as the launcher sizes them, plus the publish step's histogram (the confirm p99), and a
     * pool of 4 database connections each instead of Hikari's 10: twelve instances with a database,
     * next to the end-to-end suite's seven, would otherwise pass MariaDB's default of 151 connections
     * ("Too many connections"). Four is plenty for the fault suite's eight paying threads.
     */
    private static final String JAVA_OPTS = "-XX:+UseSerialGC -Xss512k -Xms64m -Xmx256m"
            + " -Dmanagement.metrics.distribution.percentiles-histogram.hmall.payment.step=true"
            + " -Dspring.datasource.hikari.maximum-pool-size=4";

    private final Path root;
    private final Path folder;
    private final LocalCluster cluster;

    ClusterSuite(Path root) {
        this.root = root;
        this.folder = root.resolve("e2e-tests/target/cluster-suite");
        this.cluster = new LocalCluster(root, folder.resolve("rabbitmq"), "hmall-cfault", 5751, 15751, 25751);
    }

    LocalCluster cluster() {
        return cluster;
    }

    /**
     * Clears what a run that died half-way left behind, starts the cluster, checks its three nodes
     * run as one, and starts the suite against it. Fails, never skips, when either cannot start.
     */
    void start() {
        launcher("scripts/stop-local.sh", 120, Map.of());
        cluster.stopAndDelete();
        dropDatabases();
        System.out.println(cluster.start());
        assertThat(cluster.runningNodes()).as("the cluster's running nodes")
                .containsExactlyInAnyOrder(cluster.nodeName(1), cluster.nodeName(2), cluster.nodeName(3));
        startMissing();
        for (String service : SERVICES) {
            for (Service instance : instances(service)) {
                assertThat(instance.isHealthy()).as("%s at %s", service, instance.baseUrl()).isTrue();
            }
        }
    }

    /** {@code scripts/start-local.sh}: starts whatever instance is not running, waits until all are UP. */
    void startMissing() {
        launcher("scripts/start-local.sh", START_TIMEOUT_SECONDS, Map.of("HMALL_EXTRA_SERVICES", "coupon-service"));
    }

    /** Every instance stopped, the cluster stopped and deleted, the databases dropped: all tried, also after a failure. */
    @Override
    public void close() {
        List<Throwable> failures = new ArrayList<>();
        for (Runnable step : List.<Runnable>of(() -> launcher("scripts/stop-local.sh", 120, Map.of()),
                () -> System.out.println(cluster.stopAndDelete()), this::dropDatabases)) {
            try {
                step.run();
            } catch (RuntimeException | AssertionError e) {
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) {
            AssertionError failure = new AssertionError("the cluster suite did not stop cleanly");
            failures.forEach(failure::addSuppressed);
            throw failure;
        }
    }

    /** Instance 1 of every service: where the tests create users and orders and read the books. */
    Services services() {
        return Services.at(service -> url(service, 1));
    }

    List<Service> instances(String service) {
        return IntStream.rangeClosed(1, INSTANCES).mapToObj(i -> instanceOf(service, i)).toList();
    }

    /** One instance (1 or 2) of a service. */
    static Service instanceOf(String service, int instance) {
        return new Service(service, url(service, instance));
    }

    static String url(String service, int instance) {
        return "http://127.0.0.1:" + port(service, instance);
    }

    private static int port(String service, int instance) {
        return CONTRACT_PORTS.get(service) + PORT_OFFSET + (instance - 1) * SECOND_INSTANCE_OFFSET;
    }

    /** SIGKILL to one instance: it dies with no chance to clean up. */
    void kill(String service, int instance) {
        ProcessHandle process = processOf(service, instance);
        process.destroyForcibly();
        awaitExit(process, service, instance);
    }

    /** TERM to one instance, as scripts/stop-local.sh sends it: Spring shuts down gracefully. */
    void stop(String service, int instance) {
        ProcessHandle process = processOf(service, instance);
        process.destroy();
        awaitExit(process, service, instance);
    }

    private ProcessHandle processOf(String service, int instance) {
        Path pidFile = folder.resolve("run").resolve(instance == 1 ? service + ".pid" : service + "-" + instance + ".pid");
        try {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .orElseThrow(() -> new IllegalStateException(service + " #" + instance + " (pid " + pid + ") is not running"));
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("no PID of " + service + " #" + instance + " in " + pidFile, e);
        }
    }

    private static void awaitExit(ProcessHandle process, String service, int instance) {
        try {
            process.onExit().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(service + " #" + instance + " did not exit within 60 s", e);
        }
    }

    /**
     * The consumer queues ({@code *.pay.success.queue}) by the node that leads each, as node 1's
     * management API (or the next node's, when node 1 is down) reports it.
     */
    Map<String, String> consumerQueueLeaders() {
        Map<String, String> leaders = new LinkedHashMap<>();
        for (JsonNode queue : cluster.queues()) {
            String name = queue.path("name").asString();
            if (name.endsWith(".pay.success.queue")) {
                String leader = queue.path("leader").asString("");
                leaders.put(name, leader.isEmpty() ? queue.path("node").asString() : leader);
            }
        }
        return leaders;
    }

    /** Waits until every consumer queue has a member online on each of the three nodes again. */
    void awaitConsumerQueuesWhole() {
        await("every consumer queue with three members online").atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(500)).ignoreExceptions().untilAsserted(() -> {
                    int queues = 0;
                    for (JsonNode queue : cluster.queues()) {
                        if (queue.path("name").asString().endsWith(".pay.success.queue")) {
                            queues++;
                            assertThat(queue.path("online").size()).as("%s online members", queue.path("name").asString())
                                    .isEqualTo(3);
                        }
                    }
                    assertThat(queues).as("consumer queues").isPositive();
                });
    }

    /** A connection to the suite's MySQL (the launcher's defaults, as the services get them). */
    static Connection database() throws SQLException {
        String host = env("MYSQL_HOST", "127.0.0.1");
        String port = env("MYSQL_PORT", "3306");
        return DriverManager.getConnection("jdbc:mysql://" + host + ":" + port + "/", env("MYSQL_USER", "root"),
                System.getenv().getOrDefault("MYSQL_PASSWORD", ""));
    }

    private void dropDatabases() {
        try (Connection connection = database(); Statement statement = connection.createStatement()) {
            for (String database : DATABASES) {
                statement.execute("DROP DATABASE IF EXISTS " + database + DATABASE_SUFFIX);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop the cluster suite's databases", e);
        }
    }

    private void launcher(String script, long timeoutSeconds, Map<String, String> extra) {
        Path log = folder.resolve(Path.of(script).getFileName() + ".log");
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder("bash", script).directory(root.toFile())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            Map<String, String> environment = builder.environment();
            // The launcher derives pay-service's downstream URLs (both instances' with two) and the
            // console's list of services from the ports; none of the caller's may point elsewhere.
            for (String derived : List.of("USER_SERVICE_URL", "TRADE_SERVICE_URL", "NOTIFY_SERVICE_URL",
                    "POINTS_SERVICE_URL", "HMALL_CONSOLE_SERVICES", "RABBITMQ_HOST", "RABBITMQ_PORT")) {
                environment.remove(derived);
            }
            environment.putAll(launcherVariables());
            environment.put("START_TIMEOUT_SECONDS", String.valueOf(timeoutSeconds - 20));
            environment.putAll(extra);
            long offset = Files.exists(log) ? Files.size(log) : 0;
            Process process = builder.start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(script + " did not finish in " + timeoutSeconds + " s; see " + log);
            }
            if (process.exitValue() != 0) {
                String output = Files.readString(log);
                throw new AssertionError(script + " failed (" + process.exitValue() + "):\n" + output.substring((int) offset));
            }
        } catch (IOException e) {
            throw new AssertionError("could not run " + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private Map<String, String> launcherVariables() {
        Map<String, String> variables = new LinkedHashMap<>();
        CONTRACT_PORTS.forEach((service, contractPort) -> variables.put(portVariable(service),
                String.valueOf(port(service, 1))));
        variables.put("RABBITMQ_ADDRESSES", cluster.addresses());
        variables.put("RABBITMQ_VHOST", "/");
        variables.put("HMALL_RABBITMQ_MANAGEMENT_URL", cluster.managementUrl(1));
        variables.put("HMALL_DATABASE_SUFFIX", DATABASE_SUFFIX);
        variables.put("HMALL_RUN_DIR", folder.resolve("run").toString());
        variables.put("HMALL_LOG_DIR", folder.resolve("logs").toString());
        variables.put("HMALL_CONSOLE_URL", url("console", 1));
        variables.put("HMALL_INSTANCES", String.valueOf(INSTANCES));
        variables.put("PAY_MODE", "async");
        // BCrypt at its production work factor would make payments the bottleneck on two cores.
        variables.put("USER_PASSWORD_BCRYPT_STRENGTH", "4");
        variables.put("JAVA_OPTS", JAVA_OPTS);
        return variables;
    }

    private static String portVariable(String service) {
        return switch (service) {
            case "console" -> "HMALL_CONSOLE_PORT";
            case "user-service" -> "HMALL_USER_PORT";
            case "trade-service" -> "HMALL_TRADE_PORT";
            case "pay-service" -> "HMALL_PAY_PORT";
            case "notify-service" -> "HMALL_NOTIFY_PORT";
            case "points-service" -> "HMALL_POINTS_PORT";
            case "coupon-service" -> "HMALL_COUPON_PORT";
            default -> throw new IllegalArgumentException(service);
        };
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
