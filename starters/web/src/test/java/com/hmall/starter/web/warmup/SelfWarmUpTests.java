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
 * A service sends its warm-up requests to itself before it reports ready, and its health says
 * OUT_OF_SERVICE until it has: whoever waits for UP never meets a cold service.
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
    void shouldReportOutOfServiceWhileWarmingUpAndUpAfterwards() throws Exception {
        assertThat(Things.healthWhileWarming).isNotEmpty().allSatisfy(health -> assertThat(health)
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
    }
}
