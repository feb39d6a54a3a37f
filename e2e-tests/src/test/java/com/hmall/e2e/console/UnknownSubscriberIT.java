package com.hmall.e2e.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.hmall.e2e.support.EndToEndTest;
import com.hmall.e2e.support.StrangerSubscriber;
import com.hmall.e2e.support.SuiteEnvironment;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The lesson's claim as a test: a subscriber that nothing in the code base knows binds a queue of its
 * own to {@code pay.topic}, handles each payment event, and sends one span per event under the
 * event's {@code traceparent}, as any traced service would. The console shows it from its first span
 * (its lane in the payment's timeline) and its queue from the broker, with no change to the console or
 * to pay-service, which keeps publishing one event.
 */
class UnknownSubscriberIT extends EndToEndTest {

    private static final String SERVICE = StrangerSubscriber.SERVICE;
    private static final String QUEUE = StrangerSubscriber.QUEUE;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void shouldShowASubscriberNobodyListedFromItsFirstSpan() throws Exception {
        setMode("async");
        try (StrangerSubscriber stranger = StrangerSubscriber.subscribe()) {
            Purchase purchase = newPurchase(10_000, 2_000);

            assertThat(pay(purchase.payOrderId(), PASSWORD).status()).isEqualTo(200);

            eventually().untilAsserted(() -> {
                assertThat(stranger.handled()).isPositive();
                JsonNode payment = paymentOf(purchase.payOrderNo());
                assertThat(payment).as("the payment on the console").isNotNull();
                assertThat(lanesOf(payment)).contains(SERVICE + ":ok", "trade-service:ok", "notify-service:ok",
                        "points-service:ok");
            });
            // Its queue, found among pay.topic's bindings; the management API counts its consumer within seconds.
            eventually().untilAsserted(() -> assertThat(console("/api/queues").valueStream()
                    .filter(q -> QUEUE.equals(q.path("queue").asString())).toList())
                    .singleElement().satisfies(q -> assertThat(q.path("consumers").asLong()).isEqualTo(1)));
        }
        // The broker's management API and the console's cache see it a moment later.
        eventually().untilAsserted(() -> assertThat(console("/api/queues").valueStream()
                .map(q -> q.path("queue").asString())).as("the stranger's queue went with it").doesNotContain(QUEUE));
    }

    private JsonNode paymentOf(String payOrderNo) throws IOException, InterruptedException {
        return console("/api/payments?limit=50").valueStream()
                .filter(p -> payOrderNo.equals(p.path("payOrderNo").asString())).findFirst().orElse(null);
    }

    private static List<String> lanesOf(JsonNode payment) {
        return payment.path("lanes").valueStream()
                .map(lane -> lane.path("service").asString() + ":" + lane.path("outcome").asString()).toList();
    }

    private static JsonNode console(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create(SuiteEnvironment.url("console") + path)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
