package com.hmall.e2e;

import static com.hmall.e2e.DockerComposeContractTests.APP_PORTS;
import static com.hmall.e2e.DockerComposeContractTests.CONSOLE;
import static com.hmall.e2e.DockerComposeContractTests.CONSOLE_URL;
import static com.hmall.e2e.DockerComposeContractTests.CONSOLE_URL_VARIABLE;
import static com.hmall.e2e.DockerComposeContractTests.OBSERVABILITY_SERVICES;
import static com.hmall.e2e.DockerComposeContractTests.SERVICE_PORTS;
import static com.hmall.e2e.DockerComposeContractTests.asList;
import static com.hmall.e2e.DockerComposeContractTests.asMap;
import static com.hmall.e2e.DockerComposeContractTests.environment;
import static com.hmall.e2e.DockerComposeContractTests.interpolateWithDefaults;
import static com.hmall.e2e.DockerComposeContractTests.publishedPorts;
import static com.hmall.e2e.DockerComposeContractTests.rawEnvironment;
import static com.hmall.e2e.DockerComposeContractTests.service;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import com.hmall.e2e.support.Dashboard;

import tools.jackson.databind.JsonNode;

/**
 * docker compose's optional profile {@code observability} (Zipkin, Prometheus, Grafana), checked
 * without a Docker engine: it starts only when asked for, nothing else depends on it, the spans
 * reach Zipkin through the console (services → console → Zipkin) and only when asked, Prometheus
 * scrapes every service and the broker's queues, Grafana is provisioned with its datasource and the
 * dashboard, and the dashboard asks only for metrics that exist, with units that fit. That the
 * running services really expose those metrics is {@link DashboardMetricsIT}'s part.
 */
class ObservabilityProfileTests {

    static final String PROFILE = "observability";

    static final Map<String, String> IMAGES = Map.of(
            "zipkin", "openzipkin/zipkin", "prometheus", "prom/prometheus", "grafana", "grafana/grafana");

    static final Map<String, Integer> UI_PORTS = Map.of("zipkin", 9411, "prometheus", 9090, "grafana", 3000);

    static final String TRACING_SWITCH = "HMALL_TRACING_EXPORT";
    static final String ONE_COMMAND = TRACING_SWITCH + "=true docker compose --profile observability up --build";

    /** What the console reads: where Zipkin is, and whether to pass the spans on to it. */
    static final String ZIPKIN_URL_VARIABLE = "HMALL_ZIPKIN_URL";
    static final String ZIPKIN_FORWARD_VARIABLE = "HMALL_ZIPKIN_FORWARD";

    /**
     * Spring Boot's own Zipkin switches, which compose gave the services before the console: the
     * services' application.yml now sets the endpoint from HMALL_CONSOLE_URL, and compose must not
     * point it anywhere else.
     */
    static final String SPRING_ZIPKIN_PREFIX = "MANAGEMENT_TRACING_EXPORT_ZIPKIN_";

    /**
     * The names Micrometer gives the suite's meters in Prometheus, sample by sample. The dashboard
     * may ask for these only; DashboardMetricsIT checks the same against the running services.
     */
    static final Set<String> HMALL_SAMPLES = Set.of(
            // pay-service: hmall.payments (timer, percentile histogram) by mode and outcome
            "hmall_payments_seconds_bucket", "hmall_payments_seconds_count", "hmall_payments_seconds_sum",
            "hmall_payments_seconds_max",
            // pay-service: hmall.payment.step (timer) by step
            "hmall_payment_step_seconds_count", "hmall_payment_step_seconds_sum", "hmall_payment_step_seconds_max",
            // pay-service: the outbox gauges
            "hmall_outbox_backlog", "hmall_outbox_oldest_age_seconds",
            // trade-, notify-, points-service: hmall.payment.lag (timer, percentile histogram) by consumer
            "hmall_payment_lag_seconds_bucket", "hmall_payment_lag_seconds_count", "hmall_payment_lag_seconds_sum",
            "hmall_payment_lag_seconds_max",
            // trade-, notify-, points-service: counters by consumer
            "hmall_events_consumed_total", "hmall_events_dead_lettered_total");

    /** What the dashboard must show: the issue's metrics, one sample each at least. */
    static final List<String> REQUIRED_SAMPLES = List.of(
            "hmall_payments_seconds_count", "hmall_payments_seconds_bucket", "hmall_outbox_backlog",
            "hmall_outbox_oldest_age_seconds", "hmall_events_consumed_total", "hmall_events_dead_lettered_total",
            "hmall_payment_lag_seconds_bucket");

    /** RabbitMQ's per-queue metrics on /metrics/detailed, by the family that must be asked for. */
    static final Map<String, String> RABBITMQ_FAMILIES = Map.of(
            "rabbitmq_detailed_queue_messages_ready", "queue_coarse_metrics",
            "rabbitmq_detailed_queue_messages_unacked", "queue_coarse_metrics",
            "rabbitmq_detailed_queue_messages", "queue_coarse_metrics",
            "rabbitmq_detailed_queue_consumers", "queue_consumer_count");

    static final Set<String> WORK_QUEUES = Set.of("trade.pay.success.queue", "notify.pay.success.queue",
            "points.pay.success.queue");
    static final Set<String> DEAD_LETTER_QUEUES = Set.of("trade.pay.success.dlq", "notify.pay.success.dlq",
            "points.pay.success.dlq");

    private static final Pattern LABEL_MATCHER = Pattern.compile("(\\w+)\\s*(=~|!~|!=|=)\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    private static Path root;
    private static Dashboard dashboard;

    @BeforeAll
    static void readFiles() throws IOException {
        DockerComposeContractTests.readComposeFile();
        root = DockerComposeContractTests.repositoryRoot();
        dashboard = Dashboard.load(root);
    }

    // --- compose

    @Test
    void shouldRunZipkinPrometheusAndGrafanaOnlyUnderTheProfileFromPinnedImages() {
        IMAGES.forEach((name, repository) -> {
            Map<String, Object> definition = service(name);
            assertThat(asList(definition.get("profiles"))).as("%s profiles", name).containsExactly(PROFILE);
            String image = DockerComposeContractTests.image(name);
            assertThat(image).as("%s image", name).startsWith(repository + ":");
            assertThat(image.substring(repository.length() + 1)).as("%s image tag, pinned to a release", name)
                    .matches("v?\\d+\\.\\d+\\.\\d+");
        });
        assertThat(IMAGES.keySet()).containsExactlyInAnyOrderElementsOf(OBSERVABILITY_SERVICES);
    }

    @Test
    void shouldPublishZipkinPrometheusAndGrafanaOnTheirUsualPorts() {
        UI_PORTS.forEach((name, port) -> assertThat(publishedPorts(name)).as("%s ports", name).containsEntry(port, port));
    }

    @Test
    void shouldLeaveTheSuiteIndependentOfTheProfile() {
        APP_PORTS.keySet().forEach(name -> {
            assertThat(service(name)).as(name).doesNotContainKey("profiles");
            assertThat(asMap(service(name).get("depends_on")).keySet()).as("%s depends_on", name)
                    .doesNotContainAnyElementsOf(OBSERVABILITY_SERVICES);
        });
        for (String name : List.of("mysql", "rabbitmq")) {
            assertThat(service(name)).as(name).doesNotContainKey("profiles");
        }
    }

    /** Every service sends its spans to the console, always; the console's container is where they arrive. */
    @Test
    void shouldSendEveryServicesSpansToTheConsole() {
        assertThat(CONSOLE_URL).as("the console's URL names its compose service and container port")
                .isEqualTo("http://" + CONSOLE + ":" + environment(CONSOLE).get("SERVER_PORT"));
        SERVICE_PORTS.keySet().forEach(name -> {
            assertThat(rawEnvironment(name)).as("%s: spans go to the console, whatever the host's environment", name)
                    .containsEntry(CONSOLE_URL_VARIABLE, CONSOLE_URL);
            assertThat(rawEnvironment(name).keySet()).as("%s: no Spring Boot Zipkin variable points the spans elsewhere", name)
                    .noneMatch(variable -> variable.startsWith(SPRING_ZIPKIN_PREFIX))
                    .noneMatch(variable -> variable.startsWith("MANAGEMENT_TRACING_"))
                    .noneMatch(variable -> variable.startsWith("MANAGEMENT_ZIPKIN_"))
                    .as("%s: the export switch is the console's, not the service's", name)
                    .doesNotContain(TRACING_SWITCH, ZIPKIN_URL_VARIABLE, ZIPKIN_FORWARD_VARIABLE);
            assertThat(rawEnvironment(name).values()).as("%s: no service talks to Zipkin itself", name)
                    .noneMatch(value -> value.contains("zipkin"));
        });
        assertThat(rawEnvironment(CONSOLE).keySet()).as("the console traces nothing of its own")
                .noneMatch(variable -> variable.startsWith("MANAGEMENT_TRACING_"))
                .doesNotContain(CONSOLE_URL_VARIABLE);
    }

    /** The services' side of the wiring: export on by default, to HMALL_CONSOLE_URL's /api/v2/spans. */
    @Test
    void shouldBuildEachServicesSpanEndpointFromTheConsoleUrl() throws IOException {
        for (String name : SERVICE_PORTS.keySet()) {
            Map<String, Object> config = new Yaml().load(Files.readString(root.resolve(name + "/src/main/resources/application.yml")));
            Map<String, Object> zipkin = asMap(asMap(asMap(asMap(config.get("management")).get("tracing")).get("export")).get("zipkin"));
            assertThat(String.valueOf(zipkin.get("endpoint"))).as("%s management.tracing.export.zipkin.endpoint", name)
                    .matches("\\$\\{" + CONSOLE_URL_VARIABLE + "(:[^}]*)?}/api/v2/spans");
            assertThat(String.valueOf(zipkin.get("enabled"))).as("%s management.tracing.export.zipkin.enabled: on unless switched off", name)
                    .isIn("true", "${" + TRACING_SWITCH + ":true}");
        }
    }

    /**
     * The console passes the spans on to the profile's Zipkin only under HMALL_TRACING_EXPORT=true:
     * without the profile there is no Zipkin to send them to.
     */
    @Test
    void shouldForwardSpansFromTheConsoleToZipkinOnlyWhenAsked() throws IOException {
        Map<String, String> console = environment(CONSOLE);
        assertThat(console).as("console: the profile's Zipkin, by its compose name and port")
                .containsEntry(ZIPKIN_URL_VARIABLE, "http://zipkin:" + UI_PORTS.get("zipkin"));
        assertThat(publishedPorts("zipkin")).as("Zipkin listens on the port the console is given").containsValue(UI_PORTS.get("zipkin"));
        assertThat(rawEnvironment(CONSOLE).get(ZIPKIN_FORWARD_VARIABLE)).as("console: forwarding follows the switch")
                .isEqualTo("${" + TRACING_SWITCH + ":-false}");
        assertThat(console).as("console: nothing leaves it by default").containsEntry(ZIPKIN_FORWARD_VARIABLE, "false");
        assertThat(asMap(service(CONSOLE).get("depends_on")).keySet()).as("console depends_on")
                .doesNotContain("zipkin");

        String compose = Files.readString(root.resolve("docker-compose.yml"));
        assertThat(compose).as("the command, in the compose file").contains(ONE_COMMAND);
        Matcher uses = Pattern.compile("\\$\\{" + TRACING_SWITCH + "\\b").matcher(compose);
        int count = 0;
        while (uses.find()) {
            count++;
        }
        assertThat(count).as("%s is read in one place only, the console's %s", TRACING_SWITCH, ZIPKIN_FORWARD_VARIABLE).isEqualTo(1);
        String docs = Files.readString(root.resolve("docs/observability.md"));
        assertThat(docs).as("the command, in the docs").contains(ONE_COMMAND);
        assertThat(docs).as("docs/observability.md: how the spans reach Zipkin")
                .contains(CONSOLE_URL_VARIABLE, ZIPKIN_FORWARD_VARIABLE).doesNotContain("MANAGEMENT_TRACING_EXPORT_ZIPKIN_ENABLED");
    }

    // --- Prometheus

    @Test
    void shouldScrapeEveryServiceAndTheBrokersQueues() throws IOException {
        Map<String, Object> config = prometheusConfig();
        assertThat(asMap(config.get("global")).get("scrape_interval")).as("global scrape_interval").isNotNull();

        Set<String> serviceTargets = new TreeSet<>();
        List<Map<String, Object>> rabbitJobs = new ArrayList<>();
        for (Map<String, Object> job : scrapeConfigs(config)) {
            String path = String.valueOf(job.getOrDefault("metrics_path", "/metrics"));
            if (path.equals("/actuator/prometheus")) {
                serviceTargets.addAll(targets(job));
            }
            if (targets(job).contains("rabbitmq:15692")) {
                rabbitJobs.add(job);
            }
        }
        Set<String> expected = new TreeSet<>();
        SERVICE_PORTS.forEach((name, port) -> expected.add(name + ":" + port));
        expected.add("coupon-service:8086");
        assertThat(serviceTargets).as("/actuator/prometheus targets, by compose service name and port (coupon-service's down until its profile runs)")
                .containsExactlyInAnyOrderElementsOf(expected);

        assertThat(rabbitJobs).as("a job for RabbitMQ's per-queue metrics").hasSize(1);
        Map<String, Object> rabbit = rabbitJobs.get(0);
        assertThat(rabbit.get("metrics_path")).isEqualTo("/metrics/detailed");
        Map<String, Object> params = asMap(rabbit.get("params"));
        assertThat(asList(params.get("family"))).as("families asked for")
                .containsAll(new TreeSet<>(RABBITMQ_FAMILIES.values()));
        assertThat(asList(params.get("vhost"))).as("the suite's vhost")
                .containsExactly(environment("rabbitmq").get("RABBITMQ_DEFAULT_VHOST"));
    }

    @Test
    void shouldMountThePrometheusConfigWhereItIsRead() {
        Map<String, Object> prometheus = service("prometheus");
        assertThat(asList(prometheus.get("command"))).as("prometheus command")
                .contains("--config.file=/etc/prometheus/prometheus.yml");
        assertThat(mounts("prometheus")).containsEntry("./docker/observability/prometheus/prometheus.yml",
                "/etc/prometheus/prometheus.yml");
    }

    // --- Grafana

    @Test
    void shouldProvisionThePrometheusDatasourceAndTheDashboard() throws IOException {
        Map<String, String> mounts = mounts("grafana");
        assertThat(mounts).containsEntry("./docker/observability/grafana/provisioning", "/etc/grafana/provisioning");
        Path provisioning = root.resolve("docker/observability/grafana/provisioning");

        List<Map<String, Object>> datasources = new ArrayList<>();
        for (Map<String, Object> file : yamlFiles(provisioning.resolve("datasources"))) {
            assertThat(file.get("apiVersion")).isEqualTo(1);
            asObjects(file.get("datasources")).forEach(datasources::add);
        }
        assertThat(datasources).as("provisioned datasources").hasSize(1);
        Map<String, Object> datasource = datasources.get(0);
        assertThat(datasource).containsEntry("type", "prometheus")
                .containsEntry("url", "http://prometheus:" + UI_PORTS.get("prometheus"));
        assertThat(String.valueOf(datasource.get("uid"))).isNotBlank();

        List<Map<String, Object>> providers = new ArrayList<>();
        for (Map<String, Object> file : yamlFiles(provisioning.resolve("dashboards"))) {
            assertThat(file.get("apiVersion")).isEqualTo(1);
            asObjects(file.get("providers")).forEach(providers::add);
        }
        assertThat(providers).as("dashboard providers").hasSize(1);
        assertThat(providers.get(0)).containsEntry("type", "file");
        String dashboardsInContainer = String.valueOf(asMap(providers.get(0).get("options")).get("path"));
        String dashboardsOnHost = hostDirectoryMountedAt("grafana", dashboardsInContainer);
        Path dashboardFile = root.resolve(Dashboard.PATH);
        assertThat(root.resolve(dashboardsOnHost).normalize()).as("the provider's folder holds the dashboard")
                .isEqualTo(dashboardFile.getParent().normalize());

        Map<String, String> environment = environment("grafana");
        assertThat(environment).containsEntry("GF_AUTH_ANONYMOUS_ENABLED", "true")
                .containsEntry("GF_AUTH_ANONYMOUS_ORG_ROLE", "Viewer")
                .containsEntry("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH",
                        dashboardsInContainer + "/" + dashboardFile.getFileName());
        assertThat(rawEnvironment("grafana").get("GF_SECURITY_ADMIN_PASSWORD")).as("admin password from the environment")
                .startsWith("${");
    }

    @Test
    void shouldDrawEveryPanelFromTheProvisionedDatasourceWithAUnit() throws IOException {
        String datasourceUid = String.valueOf(asObjects(yamlFiles(root.resolve(
                "docker/observability/grafana/provisioning/datasources")).get(0).get("datasources")).get(0).get("uid"));
        JsonNode json = dashboard.json();
        assertThat(json.path("title").asString()).isEqualTo("hmall: sync vs async");
        assertThat(json.path("uid").asString()).isNotBlank();

        Set<Integer> ids = new LinkedHashSet<>();
        for (JsonNode panel : dashboard.panels()) {
            assertThat(ids.add(panel.path("id").asInt())).as("panel id %s is unique", panel.path("id")).isTrue();
            assertThat(panel.path("title").asString()).as("panel %s title", panel.path("id")).isNotBlank();
            JsonNode grid = panel.path("gridPos");
            assertThat(grid.path("x").asInt() + grid.path("w").asInt()).as("%s fits the 24 columns", title(panel))
                    .isBetween(1, 24);
        }
        assertThat(dashboard.dataPanels()).as("panels with data").hasSizeGreaterThanOrEqualTo(10);
        for (JsonNode panel : dashboard.dataPanels()) {
            assertThat(panel.path("datasource").path("uid").asString()).as("%s datasource", title(panel)).isEqualTo(datasourceUid);
            assertThat(panel.path("description").asString()).as("%s says what it shows", title(panel)).isNotBlank();
            assertThat(panel.path("fieldConfig").path("defaults").path("unit").asString()).as("%s unit", title(panel)).isNotBlank();
            assertThat(panel.path("targets").size()).as("%s queries", title(panel)).isPositive();
            for (JsonNode target : panel.path("targets")) {
                assertThat(target.path("expr").asString()).as("%s query", title(panel)).isNotBlank();
                if (target.has("datasource")) {
                    assertThat(target.path("datasource").path("uid").asString()).isEqualTo(datasourceUid);
                }
            }
        }
    }

    @Test
    void shouldQueryOnlyMetricsThatExistAndEveryOneTheIssueNames() {
        Set<String> hmall = dashboard.metricNames("hmall_");
        assertThat(hmall).as("hmall_* metrics in the dashboard").isSubsetOf(HMALL_SAMPLES).containsAll(REQUIRED_SAMPLES);

        Set<String> rabbit = dashboard.metricNames("rabbitmq_");
        assertThat(rabbit).as("RabbitMQ metrics in the dashboard").isSubsetOf(RABBITMQ_FAMILIES.keySet())
                .contains("rabbitmq_detailed_queue_messages_ready", "rabbitmq_detailed_queue_messages_unacked");

        Set<String> everyName = new TreeSet<>(dashboard.metricNames(""));
        everyName.removeAll(hmall);
        everyName.removeAll(rabbit);
        everyName.removeAll(PROMQL_WORDS);
        assertThat(everyName).as("names in the PromQL that are neither functions nor known metrics").containsOnly("up");

        assertThat(dashboard.expressions()).as("payments by mode and outcome")
                .anySatisfy(expr -> assertThat(expr).contains("hmall_payments_seconds_count").contains("by (mode, outcome)"));
        assertThat(dashboard.expressions()).as("payment time histogram by mode")
                .anySatisfy(expr -> assertThat(expr).contains("hmall_payments_seconds_bucket").contains("by (le, mode)"));
        assertThat(dashboard.expressions()).as("consumer lag by consumer")
                .anySatisfy(expr -> assertThat(expr).contains("hmall_payment_lag_seconds_bucket").contains("by (le, consumer)"));
        for (String counter : List.of("hmall_events_consumed_total", "hmall_events_dead_lettered_total")) {
            assertThat(dashboard.expressions()).as("%s by consumer", counter)
                    .anySatisfy(expr -> assertThat(expr).contains(counter).contains("by (consumer)"));
        }
    }

    @Test
    void shouldShowTheWorkQueuesReadyAndUnackedAndTheDeadLetterQueues() {
        Map<String, Set<String>> queuesByMetric = new LinkedHashMap<>();
        for (String expr : dashboard.expressions()) {
            for (String metric : Dashboard.metricNames(expr, "rabbitmq_")) {
                Set<String> matched = queuesMatched(expr);
                assertThat(matched).as("queues of %s in %s", metric, expr)
                        .satisfiesAnyOf(queues -> assertThat(queues).isEqualTo(WORK_QUEUES),
                                queues -> assertThat(queues).isEqualTo(DEAD_LETTER_QUEUES));
                queuesByMetric.computeIfAbsent(metric, key -> new TreeSet<>()).addAll(matched);
            }
        }
        assertThat(queuesByMetric.get("rabbitmq_detailed_queue_messages_ready")).containsAll(WORK_QUEUES);
        assertThat(queuesByMetric.get("rabbitmq_detailed_queue_messages_unacked")).containsAll(WORK_QUEUES);
        assertThat(Stream.of("rabbitmq_detailed_queue_messages", "rabbitmq_detailed_queue_messages_ready")
                .map(queuesByMetric::get).filter(queues -> queues != null && queues.containsAll(DEAD_LETTER_QUEUES)))
                .as("a panel for the dead-letter queues' depth").isNotEmpty();
    }

    @Test
    void shouldGiveTimesInSecondsAndRatesPerSecond() {
        for (JsonNode panel : dashboard.dataPanels()) {
            String unit = panel.path("fieldConfig").path("defaults").path("unit").asString();
            List<String> expressions = Dashboard.expressions(panel);
            boolean times = expressions.stream().allMatch(expr -> expr.contains("histogram_quantile(")
                    || expr.contains("_seconds_max") || expr.contains("_age_seconds")
                    || (expr.contains("_seconds_sum") && expr.contains("/")));
            boolean rates = expressions.stream().allMatch(expr -> expr.contains("rate(") && !expr.contains("histogram_quantile(")
                    && !expr.contains("/"));
            if (times) {
                assertThat(unit).as("%s shows times", title(panel)).isEqualTo("s");
            } else if (rates) {
                assertThat(unit).as("%s shows rates", title(panel)).matches("reqps|ops|cps|rps|wps|.*/s");
            }
        }
        assertThat(dashboard.json().path("refresh").asString()).as("the dashboard refreshes itself").isNotBlank();
    }

    @Test
    void shouldOnlyFilterOnJobsPrometheusHas() throws IOException {
        Set<String> jobs = new TreeSet<>();
        scrapeConfigs(prometheusConfig()).forEach(job -> jobs.add(String.valueOf(job.get("job_name"))));
        for (String expr : dashboard.expressions()) {
            Matcher matcher = LABEL_MATCHER.matcher(expr);
            while (matcher.find()) {
                if (matcher.group(1).equals("job")) {
                    assertThat(jobs).as("job in %s", expr).contains(matcher.group(3));
                }
            }
        }
    }

    // --- helpers

    /** PromQL functions, aggregations and keywords the dashboard may use. */
    private static final Set<String> PROMQL_WORDS = Set.of("sum", "max", "min", "avg", "by", "without", "rate",
            "increase", "irate", "histogram_quantile", "le", "mode", "outcome", "consumer", "queue", "step", "job",
            "service", "__rate_interval", "__range", "__interval");

    /** The known queues a PromQL expression's {@code queue} matchers select. */
    private static Set<String> queuesMatched(String expr) {
        Set<String> known = new TreeSet<>(WORK_QUEUES);
        known.addAll(DEAD_LETTER_QUEUES);
        Matcher matcher = LABEL_MATCHER.matcher(expr);
        while (matcher.find()) {
            if (!matcher.group(1).equals("queue")) {
                continue;
            }
            String value = matcher.group(3);
            // PromQL regexes are anchored at both ends, as String.matches is.
            switch (matcher.group(2)) {
                case "=" -> known.removeIf(queue -> !queue.equals(value));
                case "!=" -> known.removeIf(queue -> queue.equals(value));
                case "=~" -> known.removeIf(queue -> !queue.matches(value));
                case "!~" -> known.removeIf(queue -> queue.matches(value));
                default -> throw new IllegalStateException(matcher.group(2));
            }
        }
        return known;
    }

    private static Map<String, Object> prometheusConfig() throws IOException {
        return new Yaml().load(Files.readString(root.resolve("docker/observability/prometheus/prometheus.yml")));
    }

    private static List<Map<String, Object>> scrapeConfigs(Map<String, Object> config) {
        List<Map<String, Object>> jobs = asObjects(config.get("scrape_configs"));
        assertThat(jobs).as("scrape_configs").isNotEmpty();
        Set<String> names = new TreeSet<>();
        jobs.forEach(job -> assertThat(names.add(String.valueOf(job.get("job_name")))).as("unique job_name").isTrue());
        return jobs;
    }

    private static Set<String> targets(Map<String, Object> job) {
        Set<String> targets = new TreeSet<>();
        asObjects(job.get("static_configs")).forEach(config -> targets.addAll(asList(config.get("targets"))));
        return targets;
    }

    private static List<Map<String, Object>> yamlFiles(Path directory) throws IOException {
        List<Map<String, Object>> files = new ArrayList<>();
        try (Stream<Path> paths = Files.list(directory)) {
            for (Path file : paths.filter(path -> path.toString().matches(".*\\.ya?ml")).sorted().toList()) {
                files.add(new Yaml().load(Files.readString(file)));
            }
        }
        assertThat(files).as("YAML files in %s", directory).isNotEmpty();
        return files;
    }

    private static List<Map<String, Object>> asObjects(Object value) {
        List<Map<String, Object>> objects = new ArrayList<>();
        if (value instanceof List<?> list) {
            list.forEach(item -> objects.add(asMap(item)));
        }
        return objects;
    }

    /** A service's bind mounts, host path to container path, read-only flag left out. */
    private static Map<String, String> mounts(String name) {
        Map<String, String> mounts = new LinkedHashMap<>();
        for (String volume : asList(service(name).get("volumes"))) {
            String[] parts = interpolateWithDefaults(volume).split(":");
            if (parts.length >= 2) {
                mounts.put(parts[0], parts[1]);
            }
        }
        return mounts;
    }

    private static String hostDirectoryMountedAt(String name, String containerPath) {
        return mounts(name).entrySet().stream().filter(mount -> mount.getValue().equals(containerPath))
                .map(Map.Entry::getKey).findFirst()
                .orElseThrow(() -> new AssertionError(name + " mounts nothing at " + containerPath));
    }

    private static String title(JsonNode panel) {
        return "panel \"" + panel.path("title").asString() + "\"";
    }
}
