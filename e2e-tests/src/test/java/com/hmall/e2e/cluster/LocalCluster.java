package com.hmall.e2e.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The three-node cluster of {@code scripts/start-cluster.sh}, under a name and on ports of its own
 * so that it runs next to the usual broker and next to a classroom's cluster: started and stopped
 * only through the scripts, inspected through the nodes' management API.
 */
final class LocalCluster {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(3);

    private final Path root;
    private final String name;
    private final int amqpPort;
    private final int managementPort;
    private final Map<String, String> environment = new HashMap<>();

    LocalCluster(Path root, Path directory, String name, int amqpPort, int managementPort, int distributionPort) {
        this.root = root;
        this.name = name;
        this.amqpPort = amqpPort;
        this.managementPort = managementPort;
        environment.put("HMALL_CLUSTER_DIR", directory.toString());
        environment.put("HMALL_CLUSTER_NAME", name);
        environment.put("HMALL_CLUSTER_AMQP_PORT", String.valueOf(amqpPort));
        environment.put("HMALL_CLUSTER_MANAGEMENT_PORT", String.valueOf(managementPort));
        environment.put("HMALL_CLUSTER_DIST_PORT", String.valueOf(distributionPort));
    }

    static Path repositoryRoot() {
        String configured = System.getenv("HMALL_ROOT");
        Path start = configured != null && !configured.isBlank() ? Paths.get(configured)
                : Paths.get(System.getProperty("user.dir")).resolve("..");
        return start.toAbsolutePath().normalize();
    }

    /** {@code scripts/start-cluster.sh}: starts what is not running, joins what is not clustered. */
    String start() {
        return run("scripts/start-cluster.sh");
    }

    /** {@code scripts/stop-cluster.sh --node N}. */
    String stopNode(int node) {
        return run("scripts/stop-cluster.sh", "--node", String.valueOf(node));
    }

    /** {@code scripts/stop-cluster.sh --delete-data}: every node stopped, its folder gone. */
    String stopAndDelete() {
        return run("scripts/stop-cluster.sh", "--delete-data");
    }

    /**
     * {@code rabbitmqctl -n <node N> args...} in the scripts' own CLI environment (their cookie,
     * none of the usual broker's configuration): {@code cluster_cli} of {@code scripts/lib/cluster.sh}.
     */
    String rabbitmqctl(int node, String... args) {
        List<String> command = new ArrayList<>(List.of("bash", "-c",
                "source scripts/lib/cluster.sh && cluster_cli rabbitmqctl \"$@\"", "rabbitmqctl", String.valueOf(node)));
        command.addAll(List.of(args));
        return run(command.toArray(String[]::new));
    }

    String addresses() {
        return String.join(",", IntStream.rangeClosed(1, 3).mapToObj(node -> "127.0.0.1:" + amqpPort(node)).toList());
    }

    int amqpPort(int node) {
        return amqpPort + node - 1;
    }

    /** The node whose AMQP listener is on {@code port}. */
    int nodeOnPort(int port) {
        int node = port - amqpPort + 1;
        if (node < 1 || node > 3) {
            throw new IllegalArgumentException("port " + port + " is none of the cluster's " + addresses());
        }
        return node;
    }

    String nodeName(int node) {
        return name + "-" + node + "@localhost";
    }

    /** The names of the nodes the cluster counts as running, as any answering node sees them. */
    List<String> runningNodes() {
        List<String> running = new ArrayList<>();
        for (JsonNode node : get("/api/nodes")) {
            if (node.path("running").asBoolean()) {
                running.add(node.path("name").asString());
            }
        }
        return running;
    }

    /** The quorum queue's members and leader, from the default vhost. */
    JsonNode queue(String queue) {
        return get("/api/queues/%2F/" + queue);
    }

    /** Every queue of the default vhost, with its members, online members and leader. */
    JsonNode queues() {
        return get("/api/queues/%2F");
    }

    String managementUrl(int node) {
        return "http://127.0.0.1:" + (managementPort + node - 1);
    }

    /** The node number of a node name such as {@code hmall-cfault-2@localhost}. */
    int nodeNumber(String nodeName) {
        for (int node = 1; node <= 3; node++) {
            if (nodeName(node).equals(nodeName)) {
                return node;
            }
        }
        throw new IllegalArgumentException(nodeName + " is none of the cluster's nodes");
    }

    private JsonNode get(String path) {
        List<String> failures = new ArrayList<>();
        for (int node = 1; node <= 3; node++) {
            URI uri = URI.create("http://127.0.0.1:" + (managementPort + node - 1) + path);
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5))
                    .header("Authorization", "Basic " + Base64.getEncoder()
                            .encodeToString("guest:guest".getBytes(StandardCharsets.UTF_8)))
                    .build();
            try {
                HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return JSON.readTree(response.body());
                }
                failures.add(uri + " answered " + response.statusCode());
            } catch (IOException e) {
                failures.add(uri + ": " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("no node's management API answered: " + failures);
    }

    private String run(String... command) {
        List<String> line = new ArrayList<>(List.of(command));
        if (command[0].startsWith("scripts/")) {
            line.set(0, root.resolve(command[0]).toString());
        }
        ProcessBuilder builder = new ProcessBuilder(line).directory(root.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            // Read on this thread: the scripts print a few lines, never enough to block.
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(SCRIPT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish:\n" + output);
            }
            if (process.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " failed (" + process.exitValue() + "):\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new AssertionError("could not run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
