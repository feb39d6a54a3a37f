package com.hmall.starter.web.warmup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;

/**
 * A service runs its warm-up tasks and sends its warm-up requests to itself before it reports
 * ready, and its health says OUT_OF_SERVICE until it has: whoever waits for UP never meets a cold
 * service. A task that fails does not stop the start.
 */
@SpringBootTest(classes = SelfWarmUpTests.App.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "management.endpoints.web.exposure.include=health", "management.endpoint.health.show-components=always",
        "hmall.warm-up.enabled=true", // off in the other module tests (IsolatedTestEnvironment)
        "hmall.warm-up.rounds=3",
        "hmall.warm-up.requests[0].path=/things/0",
        "hmall.warm-up.requests[1].method=POST",
        "hmall.warm-up.requests[1].path=/things",
        "hmall.warm-up.requests[1].body={}"})
class SelfWarmUpTests {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Test
    void shouldSendEveryRequestEveryRoundBeforeTheContextIsReady() {
        // The test runs once the context has started, and so after every runner: all six are in.
        assertThat(Things.seen).containsExactly("GET 404", "POST 400", "GET 404", "POST 400", "GET 404", "POST 400");
    }

    @Test
    void shouldRunEveryTaskBeforeTheRequestsAndStartDespiteAFailingOne() {
        assertThat(Things.tasksRun).containsExactly("failing", "recording");
        assertThat(Things.healthWhileWarming.get(0)).as("health seen by the task, before any request")
                .startsWith("503 ").contains("\"readinessState\":{\"status\":\"OUT_OF_SERVICE\"}");
        assertThat(Things.seen).as("the requests after the tasks").hasSize(6);
    }

    @Test
    void shouldReportOutOfServiceWhileWarmingUpAndUpAfterwards() throws Exception {
        assertThat(Things.healthWhileWarming).hasSize(4).allSatisfy(health -> assertThat(health)
                .startsWith("503 ").contains("\"readinessState\":{\"status\":\"OUT_OF_SERVICE\"}"));
        HttpResponse<String> health = health(port);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"readinessState\":{\"status\":\"UP\"}");
    }

    static HttpResponse<String> health(int port) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
    }

    record NewThing(@NotBlank String name) {
    }

    @RestController
    static class Things {

        static final List<String> seen = new CopyOnWriteArrayList<>();
        static final List<String> healthWhileWarming = new CopyOnWriteArrayList<>();
        static final List<String> tasksRun = new CopyOnWriteArrayList<>();

        /** Records what health said while this request, a warm-up one, was being answered. */
        @GetMapping("/things/{id}")
        ResponseEntity<Void> get(@PathVariable long id, HttpServletRequest request) throws Exception {
            HttpResponse<String> health = health(request.getLocalPort());
            healthWhileWarming.add(health.statusCode() + " " + health.body());
            return ResponseEntity.notFound().build();
        }

        @PostMapping("/things")
        void create(@Valid @RequestBody NewThing thing) {
        }
    }

    /** Every request to /things with its answer: a refused POST never reaches the controller. */
    static class Answers extends OncePerRequestFilter {

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            chain.doFilter(request, response);
            if (request.getRequestURI().startsWith("/things")) {
                Things.seen.add(request.getMethod() + " " + response.getStatus());
            }
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(Things.class)
    static class App {

        @Bean
        Answers answers() {
            return new Answers();
        }

        @Bean
        @Order(1)
        WarmUpTask failing() {
            return () -> {
                Things.tasksRun.add("failing");
                throw new IllegalStateException("a warm-up task that fails");
            };
        }

        /** Records what health said while the tasks ran; the server listens already, the runners have not finished. */
        @Bean
        @Order(2)
        WarmUpTask recording(Environment environment) {
            return () -> {
                Things.tasksRun.add("recording");
                HttpResponse<String> health = health(environment.getRequiredProperty("local.server.port", Integer.class));
                Things.healthWhileWarming.add(health.statusCode() + " " + health.body());
            };
        }
    }
}
