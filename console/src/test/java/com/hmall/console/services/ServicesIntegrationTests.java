package com.hmall.console.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * /api/services and the knobs, and the page's mode switch and Pay button, against small HTTP
 * servers standing in for the suite's services, plus one URL where nothing listens.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ServicesIntegrationTests {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final FakeService NOTIFY;
    static final FakeService PAY;
    static final FakeService TRADE;
    static final String DEAD_URL;

    static {
        try {
            NOTIFY = new FakeService().answer("GET /demo/chaos", 200, "{\"latencyMs\":50,\"outage\":true}")
                    .answer("PUT /demo/chaos", 200, "{\"latencyMs\":120,\"outage\":false}");
            PAY = new FakeService().answer("GET /actuator/health", 200, "{\"status\":\"UP\"}")
                    .answer("GET /mode", 200, "{\"mode\":\"async\"}")
                    .answer("PUT /mode", 200, "{\"mode\":\"sync\"}")
                    .answer("POST /pay-orders", 201, "{\"id\":41,\"payOrderNo\":\"PAY41\",\"status\":\"WAITING\"}")
                    .answer("POST /pay-orders/41/balance-payments", 200,
                            "{\"id\":41,\"payOrderNo\":\"PAY41\",\"status\":\"SUCCESS\",\"mode\":\"async\"}");
            TRADE = new FakeService().answer("POST /orders", 201, "{\"id\":9,\"status\":\"UNPAID\"}");
            try (ServerSocket free = new ServerSocket(0)) {
                DEAD_URL = "http://127.0.0.1:" + free.getLocalPort();
            }
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("hmall.console.services", () -> "notify-service=" + NOTIFY.url() + ",pay-service=" + PAY.url()
                + ",trade-service=" + TRADE.url() + ",dead-service=" + DEAD_URL);
        registry.add("hmall.console.services-cache", () -> "0ms");
    }

    @AfterAll
    static void stopTheFakes() {
        NOTIFY.close();
        PAY.close();
        TRADE.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper jsonMapper;

    @Test
    void shouldShowEachServicesStateAndKnobsAndADeadOneQuickly() throws Exception {
        long started = System.nanoTime();
        JsonNode services = json(send("GET", "/api/services", null), 200);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(services.size()).isEqualTo(4);
        assertThat(services.get(0).path("name").asString()).isEqualTo("notify-service");
        assertThat(services.get(0).path("url").asString()).isEqualTo(NOTIFY.url());
        assertThat(services.get(0).path("status").asString()).isEqualTo("OUTAGE");
        assertThat(services.get(0).path("latencyMs").asLong()).isEqualTo(50);
        assertThat(services.get(0).path("outage").asBoolean()).isTrue();
        assertThat(services.get(1).path("name").asString()).isEqualTo("pay-service");
        assertThat(services.get(1).path("status").asString()).isEqualTo("UP");
        assertThat(services.get(1).path("latencyMs").isNull()).isTrue();
        assertThat(services.get(1).path("outage").isNull()).isTrue();
        // trade's fake has neither knobs nor health: it answers, but not as a healthy service
        assertThat(services.get(2).path("status").asString()).isEqualTo("DOWN");
        assertThat(services.get(3).path("name").asString()).isEqualTo("dead-service");
        assertThat(services.get(3).path("status").asString()).isEqualTo("DOWN");
        assertThat(took).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void shouldTurnAServicesKnobsThroughItsOwnEndpoint() throws Exception {
        JsonNode applied = json(send("PUT", "/api/services/notify-service/chaos", "{\"latencyMs\":120,\"outage\":false}"), 200);

        assertThat(applied.path("latencyMs").asLong()).isEqualTo(120);
        assertThat(applied.path("outage").asBoolean()).isFalse();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(NOTIFY.requests)
                .anySatisfy(request -> {
                    assertThat(request.method() + " " + request.path()).isEqualTo("PUT /demo/chaos");
                    assertThat(jsonMapper.readTree(request.body()).path("latencyMs").asLong()).isEqualTo(120);
                }));
    }

    @Test
    void shouldRefuseUnknownServicesAndKnobsOutOfRange() throws Exception {
        assertProblem(send("PUT", "/api/services/nobody/chaos", "{\"latencyMs\":0,\"outage\":false}"), 404, "NOT_FOUND");
        assertProblem(send("PUT", "/api/services/notify-service/chaos", "{\"latencyMs\":10001,\"outage\":false}"), 400,
                "VALIDATION_FAILED");
        assertProblem(send("PUT", "/api/services/notify-service/chaos", "{\"latencyMs\":-1,\"outage\":false}"), 400,
                "VALIDATION_FAILED");
        assertProblem(send("PUT", "/api/services/notify-service/chaos", "{\"latencyMs\":10}"), 400, "VALIDATION_FAILED");
        assertProblem(send("PUT", "/api/services/notify-service/chaos", "{\"latencyMs\":\"10\",\"outage\":false}"), 400,
                "VALIDATION_FAILED");
        assertProblem(send("PUT", "/api/services/dead-service/chaos", "{\"latencyMs\":0,\"outage\":false}"), 502,
                "DOWNSTREAM_FAILED");
        HttpResponse<String> noKnobs = send("PUT", "/api/services/pay-service/chaos", "{\"latencyMs\":0,\"outage\":false}");
        assertProblem(noKnobs, 404, "NOT_FOUND");
        assertThat(jsonMapper.readTree(noKnobs.body()).path("detail").asString())
                .as("the console's words, not the service's routing").isEqualTo("pay-service has no chaos knobs (or they are switched off)");
    }

    @Test
    void shouldProxyTheModeToPayService() throws Exception {
        assertThat(json(send("GET", "/api/mode", null), 200).path("mode").asString()).isEqualTo("async");
        assertThat(json(send("PUT", "/api/mode", "{\"mode\":\"sync\"}"), 200).path("mode").asString()).isEqualTo("sync");
        assertProblem(send("PUT", "/api/mode", "{\"mode\":\"sideways\"}"), 400, "VALIDATION_FAILED");
    }

    @Test
    void shouldMakeAWholePaymentUnderATraceItStarted() throws Exception {
        JsonNode payment = json(send("POST", "/api/demo-payments", "{\"userId\":1,\"amount\":1000,\"password\":\"123\"}"), 201);

        String traceId = payment.path("traceId").asString();
        assertThat(traceId).matches("[0-9a-f]{32}");
        assertThat(payment.path("payOrderId").asLong()).isEqualTo(41);
        assertThat(payment.path("payOrderNo").asString()).isEqualTo("PAY41");
        assertThat(payment.path("status").asString()).isEqualTo("SUCCESS");
        assertThat(TRADE.requests).anySatisfy(request -> assertThat(jsonMapper.readTree(request.body()).path("amount").asLong())
                .isEqualTo(1000));
        assertThat(PAY.requests).anySatisfy(request -> {
            assertThat(request.path()).isEqualTo("/pay-orders");
            assertThat(jsonMapper.readTree(request.body()).path("bizOrderNo").asLong()).isEqualTo(9);
        });
        assertThat(PAY.requests).anySatisfy(request -> {
            assertThat(request.path()).isEqualTo("/pay-orders/41/balance-payments");
            assertThat(request.headers().get("Traceparent")).singleElement().asString()
                    .matches("00-" + traceId + "-[0-9a-f]{16}-01");
        });
    }

    @Test
    void shouldAnswerADownstreamProblemWithItsOwnCodeAndStatus() throws Exception {
        {
            PAY.answer("POST /pay-orders", 422,
                    "{\"status\":422,\"code\":\"ORDER_MISMATCH\",\"detail\":\"trade order 9 is for another amount\"}");
            try {
                HttpResponse<String> refused = send("POST", "/api/demo-payments",
                        "{\"userId\":1,\"amount\":1000,\"password\":\"123\"}");
                JsonNode problem = assertProblem(refused, 422, "ORDER_MISMATCH");
                assertThat(problem.path("detail").asString()).contains("pay-service").contains("another amount");
            } finally {
                PAY.answer("POST /pay-orders", 201, "{\"id\":41,\"payOrderNo\":\"PAY41\",\"status\":\"WAITING\"}");
            }
        }
        assertProblem(send("POST", "/api/demo-payments", "{\"userId\":1,\"amount\":0,\"password\":\"123\"}"), 400,
                "VALIDATION_FAILED");
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode json(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return jsonMapper.readTree(response.body());
    }

    private JsonNode assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = jsonMapper.readTree(response.body());
        assertThat(problem.path("code").asString()).isEqualTo(code);
        return problem;
    }
}
