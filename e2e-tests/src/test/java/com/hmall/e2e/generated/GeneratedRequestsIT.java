package com.hmall.e2e.generated;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.hmall.starter.web.ErrorCode;
import com.hmall.e2e.support.EndToEndTest;
import com.hmall.e2e.support.RawHttp;
import com.hmall.e2e.support.RawHttp.Answer;
import com.hmall.e2e.support.Services;
import com.hmall.e2e.support.Services.Reply;
import com.hmall.e2e.support.Services.Service;

import static org.quicktheories.QuickTheory.qt;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Requests generated from the five services' own OpenAPI documents and then mutated
 * ({@link Requests}), thrown at the running suite under three rules:
 * <ol>
 *   <li>no answer is a server error (5xx), whatever the request;</li>
 *   <li>an error answer changed nothing: the sentinel user's balance, its trade order, its pay order,
 *       the payment mode and every chaos knob are as they were before the request;</li>
 *   <li>every error is problem JSON with a contract code that belongs to its status.</li>
 * </ol>
 * A request that succeeds may change things (it was valid): the state is then read again, once the
 * consumers have caught up, and the mode and the knobs are put back.
 *
 * <p>QuickTheories draws the requests from a fixed seed, so every run sends the same ones; a
 * failure names the smallest failing request it found and the seed. More requests:
 * {@code -Dgenerated.requests=5000}; another sequence: {@code -Dgenerated.seed=N}.
 */
class GeneratedRequestsIT extends EndToEndTest {

    static final long SEED = Long.getLong("generated.seed", 20261201L);
    static final int REQUESTS = Integer.getInteger("generated.requests", 600);
    private static final String PASSWORD = "generated-pw-1";
    private static final int SHRINK_CYCLES = 40;
    private static final long SENTINEL_BALANCE = 10_000_000;
    private static final long SENTINEL_AMOUNT = 1_000;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static Services services;
    private static List<ApiOperation> operations;
    private static Requests requests;
    private static long userId;
    private static long orderId;
    private static long payOrderId;
    private static SuiteState before;
    /** The mode the suite is in between requests: EndToEndTest leaves it async. */
    private static final String MODE = "async";
    private static final AtomicInteger sent = new AtomicInteger();
    private static final AtomicInteger refused = new AtomicInteger();

    @BeforeAll
    static void readTheDocumentsOfTheRunningSuite() {
        services = Services.fromEnvironment();
        operations = new ArrayList<>();
        for (Service service : services.all()) {
            Reply document = service.get("/v3/api-docs");
            assertThat(document.status()).as("%s serves its API document", service.name()).isEqualTo(200);
            operations.addAll(ApiOperation.of(service, document.body()));
        }
        createSentinel();
        requests = new Requests(operations, Map.of("userId", String.valueOf(userId), "users", String.valueOf(userId),
                "points", String.valueOf(userId), "bizOrderNo", String.valueOf(orderId), "orders",
                String.valueOf(orderId), "pay-orders", String.valueOf(payOrderId)), PASSWORD);
        before = SuiteState.read(services, userId, orderId, payOrderId);
        System.out.printf("[generated] seed %d, %d requests over %d operations of the 5 OpenAPI documents; replay:"
                + " ./mvnw -B -pl e2e-tests verify -Dit.test=GeneratedRequestsIT -Dgenerated.seed=%d"
                + " -Dgenerated.requests=%d%n", SEED, REQUESTS, operations.size(), SEED, REQUESTS);
    }

    @AfterAll
    static void report() {
        System.out.printf("[generated] %d requests sent, %d refused, no server error, every refusal changed"
                + " nothing and was problem JSON with its code%n", sent.get(), refused.get());
    }

    @Test
    void shouldNeverFailOnTheServerAndChangeNothingWhenItRefuses() {
        qt().withFixedSeed(SEED).withExamples(REQUESTS).withShrinkCycles(SHRINK_CYCLES)
                .forAll(requests.any())
                .checkAssert(GeneratedRequestsIT::sendAndCheck);
    }

    private static void sendAndCheck(GeneratedRequest request) {
        Answer answer = RawHttp.exchange(request.operation().service().baseUrl(), request.method(), request.path(),
                request.contentType(), request.accept(), request.body());
        sent.incrementAndGet();
        String what = request + " -> " + answer;

        assertThat(answer.status()).as("no server error: %s", what).isLessThan(500);
        if (answer.status() >= 400) {
            refused.incrementAndGet();
            assertThat(answer.contentType()).as("problem JSON: %s", what).startsWith("application/problem+json");
            JsonNode problem = JSON.readTree(answer.body());
            String code = problem.path("code").asString();
            assertThat(ErrorCode.valueOf(code).status().value()).as("the code belongs to the status: %s", what)
                    .isEqualTo(answer.status());
            assertThat(problem.path("status").asInt()).as(what).isEqualTo(answer.status());
            assertThat(answer.body()).as("nothing of the inside: %s", what).doesNotContain("Exception")
                    .doesNotContain("at com.").doesNotContain("org.springframework");
            assertThat(answer.body().toLowerCase(Locale.ROOT)).as(what).doesNotContain("select ");
            assertThat(SuiteState.read(services, userId, orderId, payOrderId)).as("nothing changed: %s", what)
                    .isEqualTo(before);
        } else {
            before = settleAndRestore();
        }
    }

    /** After a request that went through: the knobs and the mode back, then the state once it holds still. */
    private static SuiteState settleAndRestore() {
        for (Service service : services.downstream()) {
            JsonNode knobs = service.get("/demo/chaos").body();
            if (knobs.path("latencyMs").asLong() != 0 || knobs.path("outage").asBoolean()) {
                assertThat(service.put("/demo/chaos", "{\"latencyMs\":0,\"outage\":false}").status()).isEqualTo(200);
            }
        }
        Reply mode = services.pay.get("/mode");
        assertThat(mode.status()).as("GET /mode: %s", mode.body()).isEqualTo(200);
        if (!MODE.equals(mode.text("mode"))) {
            assertThat(services.pay.put("/mode", "{\"mode\":\"" + MODE + "\"}").status()).isEqualTo(200);
        }
        SuiteState[] last = {SuiteState.read(services, userId, orderId, payOrderId)};
        // Still for two reads in a row: an async payment's consumers have caught up by then.
        Awaitility.await().atMost(Duration.ofSeconds(15)).pollDelay(Duration.ofMillis(200))
                .pollInterval(Duration.ofMillis(200)).until(() -> {
                    SuiteState now = SuiteState.read(services, userId, orderId, payOrderId);
                    boolean still = now.equals(last[0]);
                    last[0] = now;
                    return still;
                });
        return last[0];
    }

    private static void createSentinel() {
        String username = "gen_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        Reply user = services.user.post("/users",
                Services.json(Map.of("username", username, "password", PASSWORD, "balance", SENTINEL_BALANCE)));
        assertThat(user.status()).as(String.valueOf(user.body())).isEqualTo(201);
        userId = user.id();
        Reply order = services.trade.post("/orders",
                Services.json(Map.of("userId", userId, "amount", SENTINEL_AMOUNT)));
        assertThat(order.status()).isEqualTo(201);
        orderId = order.id();
        Reply payOrder = services.pay.post("/pay-orders",
                Services.json(Map.of("bizOrderNo", orderId, "userId", userId, "amount", SENTINEL_AMOUNT)));
        assertThat(payOrder.status()).isEqualTo(201);
        payOrderId = payOrder.id();
    }
}
