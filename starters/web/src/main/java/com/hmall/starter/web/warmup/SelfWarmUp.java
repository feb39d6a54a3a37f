package com.hmall.starter.web.warmup;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;

import lombok.extern.slf4j.Slf4j;

/**
 * Runs the service's {@link WarmUpTask}s and then sends its own warm-up requests to its own port
 * once the server listens, before the service reports ready. Spring Boot marks an application
 * ready only after its runners have run, and the readiness state is part of
 * {@code /actuator/health} (OUT_OF_SERVICE until then), so the
 * launcher, compose and every test wait until this is done: the first payment of a class then runs
 * through code that has already run once (classes loaded and initialised, caches filled, pools
 * open), not through a cold start's first-request work. A task that fails, or a request that fails
 * or times out, is logged and skipped; the warm-up never stops a start.
 */
@Slf4j
class SelfWarmUp implements ApplicationRunner, ApplicationListener<WebServerInitializedEvent> {

    private final WarmUpProperties properties;
    private final List<WarmUpTask> tasks;
    private final String host;
    private volatile int port = -1;

    SelfWarmUp(WarmUpProperties properties, List<WarmUpTask> tasks, String serverAddress) {
        this.properties = properties;
        this.tasks = List.copyOf(tasks);
        // The server's own address when it listens on one; the loopback when it listens on all.
        this.host = serverAddress == null || serverAddress.isBlank() || serverAddress.equals("0.0.0.0")
                || serverAddress.equals("::") ? "127.0.0.1" : serverAddress;
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        // The application's own server, not a separate management server.
        if (event.getApplicationContext().getServerNamespace() == null) {
            port = event.getWebServer().getPort();
        }
    }

    @Override
    public void run(ApplicationArguments args) {
        long started = System.nanoTime();
        int failedTasks = 0;
        for (WarmUpTask task : tasks) {
            try {
                task.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                failedTasks++;
                log.warn("A warm-up task failed; starting without it (its stack trace names it)", e);
            }
        }
        Map<String, Integer> answers = new TreeMap<>();
        if (port > 0 && !properties.requests().isEmpty()) {
            // Not closed: Java 17's client is not AutoCloseable; its selector thread ends once it is unreachable.
            HttpClient client = HttpClient.newBuilder().connectTimeout(properties.timeout()).build();
            for (int round = 0; round < properties.rounds(); round++) {
                for (WarmUpProperties.Request request : properties.requests()) {
                    answers.merge(send(client, request), 1, Integer::sum);
                }
            }
        }
        if (!tasks.isEmpty() || !answers.isEmpty()) {
            log.info("Warmed up with {} tasks ({} failed) and {} requests to itself in {} ms before reporting ready; answers {}",
                    tasks.size(), failedTasks, answers.values().stream().mapToInt(Integer::intValue).sum(),
                    (System.nanoTime() - started) / 1_000_000, answers);
        }
    }

    private String send(HttpClient client, WarmUpProperties.Request request) {
        HttpRequest.BodyPublisher body = request.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(request.body());
        HttpRequest.Builder http = HttpRequest.newBuilder(URI.create("http://" + hostForUri() + ":" + port + request.path()))
                .timeout(properties.timeout())
                .header("Accept", "application/json")
                .method(request.method(), body);
        if (request.body() != null) {
            http.header("Content-Type", "application/json");
        }
        try {
            return Integer.toString(client.send(http.build(), HttpResponse.BodyHandlers.discarding()).statusCode());
        } catch (IOException e) {
            log.debug("Warm-up request {} {} failed: {}", request.method(), request.path(), e.toString());
            return "failed";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private String hostForUri() {
        return host.contains(":") ? "[" + host + "]" : host;
    }
}
