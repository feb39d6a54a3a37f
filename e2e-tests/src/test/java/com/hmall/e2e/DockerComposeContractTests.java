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

/**
 * Proves docker-compose.yml keeps the public contract (ports, databases, variables, chaos) and the
 * house rules (own database account per service, no guest broker user, healthchecks, start order,
 * memory limits) without a Docker engine: it reads the file the way Compose would, with every
 * {@code ${VAR:-default}} at its default, and checks that scripts/start-local.sh gives the same jars
 * the same variables. The optional observability profile has its own checks, in
 * {@link ObservabilityProfileTests}.
 */
class DockerComposeContractTests {

    static final Map<String, Integer> SERVICE_PORTS = orderedMap(
            "user-service", 8081, "trade-service", 8082, "pay-service", 8083,
            "notify-service", 8084, "points-service", 8085);

    static final Map<String, String> SERVICE_DATABASES = orderedMap(
            "user-service", "hm_user", "trade-service", "hm_trade", "pay-service", "hm_pay",
            "notify-service", "hm_notify", "points-service", "hm_points");

    static final Set<String> VARIABLES_EVERY_SERVICE_READS = Set.of(
            "MYSQL_HOST", "MYSQL_PORT", "MYSQL_USER", "MYSQL_PASSWORD",
            "RABBITMQ_HOST", "RABBITMQ_PORT", "RABBITMQ_USER", "RABBITMQ_PASSWORD", "RABBITMQ_VHOST",
            "SERVER_PORT", "DEMO_CHAOS_ENABLED");

    /**
     * Standard Spring Boot variables, not the contract's, that compose gives every service so the
     * observability profile can switch tracing export on ({@code HMALL_TRACING_EXPORT=true}). The
     * local launcher does not set them but passes them through from its caller's environment.
     */
    static final Set<String> TRACING_VARIABLES = Set.of(
            "MANAGEMENT_TRACING_EXPORT_ZIPKIN_ENABLED", "MANAGEMENT_TRACING_EXPORT_ZIPKIN_ENDPOINT");

    /** The containers that start only with {@code --profile observability}. */
    static final Set<String> OBSERVABILITY_SERVICES = Set.of("zipkin", "prometheus", "grafana");

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
    void shouldDefineTheFiveServicesTheDatabaseAndTheBroker() {
        Set<String> withoutProfile = new LinkedHashSet<>(services.keySet());
        withoutProfile.removeIf(name -> service(name).containsKey("profiles"));
        assertThat(withoutProfile).as("what `docker compose up` starts").containsExactlyInAnyOrder(
                "mysql", "rabbitmq", "user-service", "trade-service", "pay-service", "notify-service", "points-service");
        assertThat(services.keySet()).as("everything, the optional profile's containers too")
                .hasSize(withoutProfile.size() + OBSERVABILITY_SERVICES.size())
                .containsAll(OBSERVABILITY_SERVICES);
        assertThat(service("mysql").get("image").toString()).startsWith("mysql:8.4");
        assertThat(service("rabbitmq").get("image").toString()).startsWith("rabbitmq:4").contains("management");
    }

    @Test
    void shouldPublishEachServiceOnItsContractPortAndListenThere() {
        SERVICE_PORTS.forEach((name, port) -> {
            assertThat(publishedPorts(name)).as("%s ports", name).containsEntry(port, port);
            assertThat(environment(name)).as("%s environment", name).containsEntry("SERVER_PORT", port.toString());
        });
        assertThat(publishedPorts("rabbitmq")).as("management UI").containsEntry(15672, 15672);
    }

    @Test
    void shouldGiveEachServiceExactlyTheVariablesTheContractSaysItReads() {
        SERVICE_PORTS.keySet().forEach(name -> {
            Set<String> expected = new LinkedHashSet<>(VARIABLES_EVERY_SERVICE_READS);
            expected.addAll(TRACING_VARIABLES);
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
    }

    @Test
    void shouldPassTheServicesTheVariablesTheLocalLauncherPasses() throws IOException {
        String launcher = Files.readString(root.resolve("scripts/start-local.sh"));
        Set<String> everyService = shellArray(launcher, "SERVICE_ENV");
        Set<String> payOnly = shellArray(launcher, "PAY_SERVICE_ENV");
        assertThat(launcher).as("the launcher sets each service's port").contains("SERVER_PORT=");
        everyService.add("SERVER_PORT");

        SERVICE_PORTS.keySet().forEach(name -> {
            Set<String> launched = new LinkedHashSet<>(everyService);
            if (name.equals("pay-service")) {
                launched.addAll(payOnly);
            }
            // The one deliberate difference: the tracing switches, which the launcher leaves to its caller.
            launched.addAll(TRACING_VARIABLES);
            assertThat(environment(name).keySet()).as("%s: compose against start-local.sh", name)
                    .containsExactlyInAnyOrderElementsOf(launched);
        });
        assertThat(launcher).as("the launcher hands its caller's environment on to the jars")
                .doesNotContain("env -i").contains("nohup env ");
        assertThat(launcher).as("and sets none of the tracing variables itself")
                .doesNotContain("MANAGEMENT_TRACING");
        assertThat(launcher).as("chaos knobs on by default in the launcher too").contains("${DEMO_CHAOS_ENABLED:=true}");
    }

    @Test
    void shouldCheckTheHealthOfEveryContainer() {
        services.keySet().forEach(name -> {
            Map<String, Object> healthcheck = asMap(service(name).get("healthcheck"));
            assertThat(healthcheck).as("%s healthcheck", name).isNotEmpty();
            assertThat(asList(healthcheck.get("test"))).as("%s healthcheck test", name).isNotEmpty();
        });
        SERVICE_PORTS.forEach((name, port) ->
                assertThat(String.join(" ", asList(asMap(service(name).get("healthcheck")).get("test"))))
                        .as("%s healthcheck", name)
                        .contains("127.0.0.1:" + port + "/actuator/health"));
    }

    @Test
    void shouldStartEachServiceOnlyOnceWhatItNeedsIsHealthy() {
        SERVICE_PORTS.keySet().forEach(name -> {
            Map<String, Object> dependsOn = asMap(service(name).get("depends_on"));
            assertThat(dependsOn).as("%s depends_on", name).containsKeys("mysql", "rabbitmq");
            dependsOn.forEach((dependency, settings) -> assertThat(asMap(settings))
                    .as("%s on %s", name, dependency).containsEntry("condition", "service_healthy"));
        });
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

    @Test
    void shouldUseADedicatedRabbitmqUserAndVhost() {
        Map<String, String> broker = environment("rabbitmq");
        String user = broker.get("RABBITMQ_DEFAULT_USER");
        String vhost = broker.get("RABBITMQ_DEFAULT_VHOST");
        assertThat(user).isNotBlank().isNotEqualTo("guest");
        assertThat(vhost).isNotBlank().isNotEqualTo("/");
        SERVICE_PORTS.keySet().forEach(name -> assertThat(environment(name)).as(name)
                .containsEntry("RABBITMQ_USER", user)
                .containsEntry("RABBITMQ_PASSWORD", broker.get("RABBITMQ_DEFAULT_PASS"))
                .containsEntry("RABBITMQ_VHOST", vhost));
    }

    @Test
    void shouldLimitTheMemoryOfEveryContainer() {
        services.keySet().forEach(name -> {
            Map<String, Object> definition = service(name);
            Object deployLimit = asMap(asMap(asMap(definition.get("deploy")).get("resources")).get("limits")).get("memory");
            Object limit = deployLimit != null ? deployLimit : definition.get("mem_limit");
            assertThat(limit).as("%s memory limit", name).isNotNull();
            assertThat(limit.toString()).as("%s memory limit", name).matches("\\d+[kKmMgG]?[bB]?");
        });
    }

    @Test
    void shouldBuildEachServiceFromTheOneDockerfileAsANonRootUser() throws IOException {
        SERVICE_PORTS.keySet().forEach(name -> {
            Map<String, Object> build = asMap(service(name).get("build"));
            assertThat(build).as("%s build", name).containsEntry("context", ".");
            assertThat(build.getOrDefault("dockerfile", "Dockerfile")).isEqualTo("Dockerfile");
            assertThat(asMap(build.get("args"))).as("%s build args", name).containsEntry("ARTIFACT_NAME", name);
        });

        List<String> dockerfile = Files.readAllLines(root.resolve("Dockerfile"));
        List<String> runtimeStage = dockerfile.subList(lastIndexStartingWith(dockerfile, "FROM "), dockerfile.size());
        assertThat(runtimeStage.get(0)).startsWith("FROM eclipse-temurin:17-jre");
        assertThat(runtimeStage).contains("ARG ARTIFACT_NAME");
        assertThat(dockerfile).anySatisfy(line -> assertThat(line).contains("-pl \"${ARTIFACT_NAME}\" -am package"));
        String user = runtimeStage.get(lastIndexStartingWith(runtimeStage, "USER ")).substring("USER ".length()).trim();
        assertThat(user).as("the runtime user").isNotIn("root", "0", "0:0");
        assertThat(runtimeStage).anySatisfy(line -> assertThat(line).contains("MaxRAMPercentage"));
        assertThat(dockerfile).as("no secret is baked into the image")
                .filteredOn(line -> line.startsWith("ENV ") || line.startsWith("ARG "))
                .noneSatisfy(line -> assertThat(line).containsIgnoringCase("PASSWORD"))
                .noneSatisfy(line -> assertThat(line).containsIgnoringCase("SECRET"));
    }

    // --- the init script, run as the mysql image would run it, with a stand-in for the mysql client

    private static String initScriptSql(Path tmp) throws IOException, InterruptedException {
        Path script = root.resolve("docker/mysql/init/01-service-accounts.sh");
        assumeThat(Files.isExecutable(Paths.get("/bin/bash"))).as("bash is needed to run the init script").isTrue();
        assertThat(Files.isExecutable(script)).as("executable, so the mysql image runs it rather than sourcing it").isTrue();

        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path sql = tmp.resolve("statements.sql");
        Path mysql = bin.resolve("mysql");
        Files.writeString(mysql, "#!/bin/sh\ncat > \"$CAPTURED_SQL\"\n");
        Files.setPosixFilePermissions(mysql, PosixFilePermissions.fromString("rwxr-xr-x"));

        ProcessBuilder run = new ProcessBuilder("/bin/bash", script.toString()).redirectErrorStream(true);
        run.environment().putAll(environment("mysql"));
        run.environment().put("PATH", bin + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        run.environment().put("CAPTURED_SQL", sql.toString());
        Process process = run.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("init script output: %s", output).isZero();
        return Files.readString(sql);
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

    private static final Pattern INTERPOLATION = Pattern.compile("\\$\\$|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?}|\\$([A-Za-z_][A-Za-z0-9_]*)");

    /** Compose's interpolation with an empty host environment: {@code ${X:-d}} and {@code ${X-d}} give d. */
    static String interpolateWithDefaults(String value) {
        Matcher matcher = INTERPOLATION.matcher(value);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String replacement;
            if (matcher.group().equals("$$")) {
                replacement = "$";
            } else if (matcher.group(2) != null && matcher.group(2).endsWith("-")) {
                replacement = matcher.group(3);
            } else {
                replacement = "";
            }
            matcher.appendReplacement(result, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(result);
        return result.toString();
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

    @SuppressWarnings("unchecked")
    private static <K, V> Map<K, V> orderedMap(Object... keysAndValues) {
        Map<K, V> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((K) keysAndValues[i], (V) keysAndValues[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }
}
