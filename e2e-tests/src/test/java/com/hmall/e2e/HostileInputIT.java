package com.hmall.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.hmall.e2e.support.EndToEndTest;
import com.hmall.e2e.support.HostileInput;
import com.hmall.e2e.support.RawHttp;
import com.hmall.e2e.support.RawHttp.Answer;
import com.hmall.e2e.support.Services;
import com.hmall.e2e.support.Services.Reply;
import com.hmall.e2e.support.Services.Service;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every row of the hostile-input catalogue ({@code hostile-inputs.tsv}, shown in
 * {@code docs/hostile-input.md}) against the running suite: each is answered with its status and,
 * for an error, problem JSON with its code; never a 500, never a stack trace, class name or SQL; and
 * nothing changes. A sentinel user, trade order and pay order give the placeholders real ids, and
 * after every row the sentinel's balance, the order (UNPAID), the pay order (WAITING), the payment
 * mode and every chaos knob are read again. {@link EndToEndTest} puts the mode back to async and the
 * knobs back to calm after every test, so a row that changed them is caught right after it ran, not
 * at the end. A row against the console ({@code console}) is also checked not to have reached its
 * span store: its spans name the row's {@code {unique}} (trace id {@code 0000{unique}}, pay order
 * {@code hx-{unique}}), and a payment of theirs must not show up in {@code GET /api/payments}. The
 * last test checks it all once more, and that no rejected {@code POST /users} created the user it
 * named.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputIT extends EndToEndTest {

    private static final long SENTINEL_BALANCE = 50_000;
    private static final long SENTINEL_AMOUNT = 1_000;

    /** What must never reach a client: stack frames, class and framework names, SQL. */
    private static final List<String> LEAKS = List.of(
            "Exception", "at com.", "at org.", "at java.", "org.springframework", "org.apache", "SQL", "<html");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Map<String, String> sentinel = new HashMap<>();
    private long userId;
    private long orderId;
    private long payOrderId;
    private String rejectedName;

    static List<HostileInput> catalogue() {
        return HostileInput.catalogue();
    }

    @BeforeAll
    void createSentinel() {
        userId = newUser(SENTINEL_BALANCE);
        orderId = newOrder(userId, SENTINEL_AMOUNT);
        payOrderId = apply(orderId, userId, SENTINEL_AMOUNT).id();
        rejectedName = "hx_rejected_" + UUID.randomUUID().toString().substring(0, 8);
        sentinel.put("userId", String.valueOf(userId));
        sentinel.put("username", services.user.get("/users/" + userId).text("username"));
        sentinel.put("orderId", String.valueOf(orderId));
        sentinel.put("bizOrderNo", String.valueOf(orderId));
        sentinel.put("payOrderId", String.valueOf(payOrderId));
        sentinel.put("rejectedName", rejectedName);
        sentinel.put("password", PASSWORD);
        // Below 987654321012, the id the catalogue uses for "does not exist", and far above any real one.
        long strangerId = ThreadLocalRandom.current().nextLong(910_000_000_000L, 980_000_000_000L);
        sentinel.put("strangerId", String.valueOf(strangerId));
    }

    @Order(1)
    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void shouldAnswerWithItsCodeAndChangeNothing(HostileInput row) {
        String mode = currentMode();
        Map<String, String> values = new HashMap<>(sentinel);
        values.put("unique", UUID.randomUUID().toString().replace("-", "").substring(0, 12));
        values.put("otherMode", "sync".equals(mode) ? "async" : "sync");
        Instant now = Instant.now();
        values.put("nowMicros", String.valueOf(now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000));
        String path = HostileInput.fill(row.path(), values);
        byte[] body = HostileInput.fillBytes(row.body(), values);

        Answer answer = send(serviceOf(row), row.method(), path, row.contentType(), row.accept(), body);

        String request = row.id() + ": " + row.method() + " " + path + " -> " + answer;
        assertThat(answer.status()).as("never a server error: %s", request).isLessThan(500);
        assertThat(answer.status()).as(request).isEqualTo(row.status());
        if (row.expectsProblem()) {
            assertThat(answer.contentType()).as(request).startsWith("application/problem+json");
            JsonNode problem = JSON.readTree(answer.body());
            assertThat(problem.path("code").asString()).as(request).isEqualTo(row.code());
            assertThat(problem.path("status").asInt()).as(request).isEqualTo(answer.status());
            assertThat(problem.path("title").asString()).as(request).isNotBlank();
            assertThat(problem.has("detail")).as(request).isTrue();
        } else {
            assertThat(answer.contentType()).as(request).startsWith("application/json");
        }
        for (String leak : LEAKS) {
            assertThat(answer.body()).as(request).doesNotContain(leak);
        }
        assertThat(answer.body().toLowerCase(Locale.ROOT)).as(request).doesNotContain("select ");
        assertNothingChanged(mode, request);
        if ("console".equals(row.service())) {
            assertNoPaymentOf(values.get("unique"), request);
        }
    }

    @Test
    @Order(2)
    void shouldHaveChangedNothingAtAll() {
        assertNothingChanged(currentMode(), "after the whole catalogue");
        // No rejected POST /users created the user it named: the name is still free.
        Reply created = services.user.post("/users",
                Services.json(Map.of("username", rejectedName, "password", PASSWORD, "balance", 0)));
        assertThat(created.status()).as("%s is still free: %s", rejectedName, created.body()).isEqualTo(201);
    }

    private void assertNothingChanged(String modeBefore, String request) {
        assertThat(balanceOf(userId)).as("sentinel balance after %s", request).isEqualTo(SENTINEL_BALANCE);
        assertThat(orderStatus(orderId)).as("sentinel order after %s", request).isEqualTo("UNPAID");
        assertThat(payOrderStatus(payOrderId)).as("sentinel pay order after %s", request).isEqualTo("WAITING");
        assertThat(currentMode()).as("payment mode after %s", request).isEqualTo(modeBefore);
        for (Service service : services.downstream()) {
            Reply knobs = service.get("/demo/chaos");
            assertThat(knobs.body().path("latencyMs").asLong()).as("%s latency after %s", service.name(), request)
                    .isZero();
            assertThat(knobs.body().path("outage").asBoolean()).as("%s outage after %s", service.name(), request)
                    .isFalse();
        }
    }

    /** None of the row's spans reached the console's store: no payment names its {@code {unique}}. */
    private void assertNoPaymentOf(String unique, String request) {
        Reply payments = services.console.get("/api/payments?limit=200");
        assertThat(payments.status()).as("console payments after %s", request).isEqualTo(200);
        assertThat(payments.body().toString()).as("console payments after %s", request).doesNotContain(unique);
    }

    private String currentMode() {
        return services.pay.get("/mode").text("mode");
    }

    private Service serviceOf(HostileInput row) {
        return switch (row.service()) {
            case "user" -> services.user;
            case "trade" -> services.trade;
            case "pay" -> services.pay;
            case "notify" -> services.notify;
            case "points" -> services.points;
            case "console" -> services.console;
            default -> throw new IllegalArgumentException("Unknown service " + row.service() + " in " + row.id());
        };
    }

    /** Sends exactly what the row says, and keeps the answer as text: it need not be JSON. */
    private static Answer send(Service service, String method, String path, String contentType, String accept,
            byte[] body) {
        return RawHttp.exchange(service.baseUrl(), method, path, contentType, accept, body);
    }
}
