package com.hmall.testing;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Creates and deletes the RabbitMQ virtual hosts the tests run in, so that they never share queues
 * with a suite that is running on the same broker: a classroom's services would otherwise take the
 * tests' messages, and the tests theirs.
 *
 * <p>Through the management HTTP API when it answers ({@code RABBITMQ_MANAGEMENT_URL}, default
 * {@code http://127.0.0.1:15672}), else through {@code rabbitmqctl} on this machine. With neither
 * it fails, saying how to get one: a test must not go on in a shared vhost.
 */
public final class RabbitVirtualHosts {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String managementUrl;
    private final String user;
    private final String password;

    private RabbitVirtualHosts(String managementUrl, String user, String password) {
        this.managementUrl = managementUrl;
        this.user = user;
        this.password = password;
    }

    /** The broker the environment names, with the contract's defaults. */
    public static RabbitVirtualHosts fromEnvironment() {
        return new RabbitVirtualHosts(env("RABBITMQ_MANAGEMENT_URL", "http://127.0.0.1:15672"),
                env("RABBITMQ_USER", "guest"), env("RABBITMQ_PASSWORD", "guest"));
    }

    /** Deletes {@code name} if it exists, creates it empty and gives the broker user every right in it. */
    public void recreate(String name) {
        List<String> failures = new ArrayList<>();
        if (viaManagementApi(name, failures) || viaRabbitmqctl(name, failures)) {
            return;
        }
        throw new IllegalStateException("Could not create the tests' RabbitMQ vhost '" + name + "': " + failures
                + ". Enable the management API (rabbitmq-plugins enable rabbitmq_management, as .ci/run does)"
                + " or run the tests where rabbitmqctl can reach the broker.");
    }

    /** Deletes {@code name} and everything in it; quietly does nothing when it is not there. */
    public void delete(String name) {
        try {
            int status = send("DELETE", "/api/vhosts/" + encode(name), null);
            if (status == 204 || status == 404) {
                return;
            }
        } catch (IOException e) {
            // No management API: try rabbitmqctl below.
        }
        rabbitmqctl("delete_vhost", name);
    }

    private boolean viaManagementApi(String name, List<String> failures) {
        try {
            int deleted = send("DELETE", "/api/vhosts/" + encode(name), null);
            int created = send("PUT", "/api/vhosts/" + encode(name), "{}");
            int granted = send("PUT", "/api/permissions/" + encode(name) + "/" + encode(user),
                    "{\"configure\":\".*\",\"write\":\".*\",\"read\":\".*\"}");
            if ((deleted == 204 || deleted == 404) && (created == 201 || created == 204)
                    && (granted == 201 || granted == 204)) {
                return true;
            }
            failures.add("management API answered DELETE " + deleted + ", PUT vhost " + created + ", PUT permissions "
                    + granted);
        } catch (IOException e) {
            failures.add("no management API at " + managementUrl + " (" + e.getClass().getSimpleName() + ")");
        }
        return false;
    }

    private boolean viaRabbitmqctl(String name, List<String> failures) {
        rabbitmqctl("delete_vhost", name);
        if (rabbitmqctl("add_vhost", name) && rabbitmqctl("set_permissions", "-p", name, user, ".*", ".*", ".*")) {
            return true;
        }
        failures.add("rabbitmqctl could not add the vhost (not installed, or no access to the broker's cookie)");
        return false;
    }

    private int send(String method, String path, String json) throws IOException {
        String credentials = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(managementUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + credentials)
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static boolean rabbitmqctl(String... args) {
        List<String> command = new ArrayList<>(List.of("rabbitmqctl", "-q"));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return false;
            }
            return process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
