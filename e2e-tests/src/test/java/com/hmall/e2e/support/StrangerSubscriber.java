package com.hmall.e2e.support;

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

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DeliverCallback;

import tools.jackson.databind.json.JsonMapper;

/**
 * A subscriber that nothing in the code base knows: a queue of its own, bound to the payment events
 * ({@code pay.topic}, {@code pay.success}), that goes away with it (exclusive, auto-delete), and one
 * CONSUMER span per event it handles, in Zipkin v2 JSON, sent to the console under the event's
 * {@code traceparent}, as any traced service would.
 */
public final class StrangerSubscriber implements AutoCloseable {

    public static final String SERVICE = "stranger-service";
    public static final String QUEUE = "stranger.pay.success.queue";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final AtomicInteger handled = new AtomicInteger();
    private final Connection connection;

    private StrangerSubscriber(Connection connection) {
        this.connection = connection;
    }

    /** Binds the queue and starts consuming; close it to take the queue away again. */
    public static StrangerSubscriber subscribe() throws IOException, TimeoutException {
        StrangerSubscriber stranger = new StrangerSubscriber(Broker.connectionFactory().newConnection(SERVICE));
        Channel channel = stranger.connection.createChannel();
        channel.queueDeclare(QUEUE, false, true, true, null);
        channel.queueBind(QUEUE, "pay.topic", "pay.success");
        DeliverCallback onEvent = (tag, delivery) -> {
            long startMicros = System.currentTimeMillis() * 1000;
            Map<String, Object> headers = delivery.getProperties().getHeaders();
            Object traceParent = headers == null ? null : headers.get("traceparent");
            if (traceParent != null) {
                String[] parts = traceParent.toString().split("-");
                sendSpan(parts[1], parts[2], startMicros);
            }
            stranger.handled.incrementAndGet();
            channel.basicAck(delivery.getEnvelope().getDeliveryTag(), false);
        };
        channel.basicConsume(QUEUE, false, onEvent, tag -> { });
        return stranger;
    }

    /** Events handled so far. */
    public int handled() {
        return handled.get();
    }

    private static void sendSpan(String traceId, String parentId, long startMicros) {
        Map<String, Object> span = Map.of("traceId", traceId, "id", HexFormat.of().formatHex(randomBytes()),
                "parentId", parentId, "name", QUEUE + " receive", "kind", "CONSUMER",
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

    @Override
    public void close() throws IOException {
        connection.close();
    }
}
