package com.hmall.e2e.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import com.hmall.e2e.support.EndToEndTest;
import com.hmall.e2e.support.SuiteEnvironment;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DeliverCallback;

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

    private static final String SERVICE = "stranger-service";
    private static final String QUEUE = "stranger.pay.success.queue";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void shouldShowASubscriberNobodyListedFromItsFirstSpan() throws Exception {
        setMode("async");
        try (Stranger stranger = Stranger.subscribe()) {
            Purchase purchase = newPurchase(10_000, 2_000);

            assertThat(pay(purchase.payOrderId(), PASSWORD).status()).isEqualTo(200);

            eventually().untilAsserted(() -> {
                assertThat(stranger.handled.get()).isPositive();
                JsonNode payment = paymentOf(purchase.payOrderNo());
                assertThat(payment).as("the payment on the console").isNotNull();
                assertThat(lanesOf(payment)).contains(SERVICE + ":ok", "trade-service:ok", "notify-service:ok",
                        "points-service:ok");
            });
            JsonNode queues = console("/api/queues");
            assertThat(queues.valueStream().filter(q -> QUEUE.equals(q.path("queue").asString())).toList())
                    .singleElement().satisfies(q -> assertThat(q.path("consumers").asLong()).isEqualTo(1));
        }
        assertThat(console("/api/queues").valueStream().map(q -> q.path("queue").asString()))
                .as("the stranger's queue went with it").doesNotContain(QUEUE);
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

    /**
     * The subscriber: a queue of its own, bound to the payment events, that goes away with it
     * (exclusive, auto-delete), and one CONSUMER span per event, in Zipkin v2 JSON, to the console.
     */
    private static final class Stranger implements AutoCloseable {

        final AtomicInteger handled = new AtomicInteger();
        private final Connection connection;

        private Stranger(Connection connection) {
            this.connection = connection;
        }

        static Stranger subscribe() throws IOException, TimeoutException {
            ConnectionFactory factory = new ConnectionFactory();
            factory.setHost(env("RABBITMQ_HOST", "127.0.0.1"));
            factory.setPort(Integer.parseInt(env("RABBITMQ_PORT", "5672")));
            factory.setUsername(env("RABBITMQ_USER", "guest"));
            factory.setPassword(env("RABBITMQ_PASSWORD", "guest"));
            factory.setVirtualHost(SuiteEnvironment.VIRTUAL_HOST);
            Stranger stranger = new Stranger(factory.newConnection(SERVICE));
            Channel channel = stranger.connection.createChannel();
            channel.queueDeclare(QUEUE, false, true, true, null);
            channel.queueBind(QUEUE, "pay.topic", "pay.success");
            DeliverCallback onEvent = (tag, delivery) -> {
                long start = System.currentTimeMillis() * 1000;
                Object traceParent = delivery.getProperties().getHeaders() == null ? null
                        : delivery.getProperties().getHeaders().get("traceparent");
                if (traceParent != null) {
                    String[] parts = traceParent.toString().split("-");
                    sendSpan(parts[1], parts[2], start);
                }
                stranger.handled.incrementAndGet();
                channel.basicAck(delivery.getEnvelope().getDeliveryTag(), false);
            };
            channel.basicConsume(QUEUE, false, onEvent, tag -> { });
            return stranger;
        }

        private static void sendSpan(String traceId, String parentId, long startMicros) {
            Map<String, Object> span = Map.of("traceId", traceId, "id", HexFormat.of().formatHex(randomBytes()),
                    "parentId", parentId, "name", "on payment succeeded", "kind", "CONSUMER",
                    "timestamp", startMicros, "duration", 1_000,
                    "localEndpoint", Map.of("serviceName", SERVICE),
                    "tags", Map.of("messaging.destination.name", QUEUE));
            try {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                        URI.create(SuiteEnvironment.url("console") + "/api/v2/spans"))
                        .header("Content-Type", "application/json").timeout(Duration.ofSeconds(5))
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(List.of(span)),
                                StandardCharsets.UTF_8))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 202) {
                    throw new IllegalStateException("The console refused the span: " + response.statusCode() + " "
                            + response.body());
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        private static byte[] randomBytes() {
            byte[] bytes = new byte[8];
            RANDOM.nextBytes(bytes);
            return bytes;
        }

        private static String env(String name, String fallback) {
            String value = System.getenv(name);
            return value == null || value.isBlank() ? fallback : value;
        }

        @Override
        public void close() throws IOException {
            connection.close();
        }
    }
}
