package com.hmall.starter.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The outage knob, as a teacher clicks it, against the real broker: whatever the sequence of
 * changes, sequential or concurrent, once the answer to an outage has come no consumer of the
 * service is left on its queue (the broker says so) and no message is handled; once it is lifted
 * every consumer is back and the waiting messages are handled.
 */
@SpringBootTest(classes = OutageIntegrationTests.App.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {"demo.chaos.enabled=true", "spring.rabbitmq.listener.simple.prefetch=50",
            "spring.rabbitmq.listener.simple.observation-enabled=true",
            "spring.rabbitmq.listener.simple.retry.enabled=true", "spring.rabbitmq.listener.simple.retry.max-retries=3",
            "spring.rabbitmq.listener.simple.default-requeue-rejected=false"})
class OutageIntegrationTests {

    static final String QUEUE = "chaos.outage.test.queue";
    static final int CONSUMERS = 4;
    /** The bound: no consumer left within a second of the answer. */
    private static final Duration WITHIN = Duration.ofSeconds(1);

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    AmqpAdmin admin;

    @Autowired
    RabbitTemplate rabbitTemplate;

    @Autowired
    CountingListener listener;

    @AfterEach
    void calm() throws Exception {
        knobs(0, false);
        admin.purgeQueue(QUEUE, false);
    }

    @RepeatedTest(3)
    @DirtiesContext
    void shouldHaveNoConsumerLeftAfterOnOffOnWithinASecond() throws Exception {
        knobs(0, true);
        knobs(0, false);
        knobs(0, true);

        assertNoConsumerWithin(WITHIN);
        assertThat(get().path("outage").asBoolean()).isTrue();

        knobs(0, false);
        assertAllConsumersBackWithin(WITHIN);
    }

    @Test
    void shouldHoldTheLastAnsweredStateUnderConcurrentToggles() throws Exception {
        ExecutorService teachers = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 3; round++) {
                List<Future<?>> clicks = new ArrayList<>();
                for (int i = 0; i < 24; i++) {
                    boolean outage = ThreadLocalRandom.current().nextBoolean();
                    clicks.add(teachers.submit(() -> knobs(0, outage)));
                }
                for (Future<?> click : clicks) {
                    click.get();
                }
                knobs(0, true);
                assertNoConsumerWithin(WITHIN);
                knobs(0, false);
                assertAllConsumersBackWithin(WITHIN);
            }
        } finally {
            teachers.shutdownNow();
        }
    }

    @Test
    void shouldHandleNoMessageDuringAnOutageAndEveryOneAfterIt() throws Exception {
        knobs(200, false);
        int sent = 40;
        String batch = send(sent);
        await().atMost(Duration.ofSeconds(10)).until(() -> listener.handled(batch) > 0);

        knobs(200, true);
        assertNoConsumerWithin(WITHIN);
        int handledAtOutage = listener.handled(batch);
        // Those not handled yet wait in the queue; none is handled while the outage lasts.
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                admin.getQueueInfo(QUEUE).getMessageCount()).isEqualTo(sent - handledAtOutage));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                .until(() -> listener.handled(batch) == handledAtOutage);

        knobs(0, false);
        await().atMost(Duration.ofSeconds(15)).until(() -> listener.handled(batch) >= sent);
        assertThat(admin.getQueueInfo(QUEUE).getMessageCount()).isZero();
    }

    /** The outage shows on GET at once; from then on only the messages already in hand may finish. */
    @Test
    void shouldHandleNoMessageOnceTheOutageShows() throws Exception {
        knobs(300, false);
        String batch = send(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> listener.handled(batch) >= CONSUMERS);

        ExecutorService teacher = Executors.newSingleThreadExecutor();
        try {
            Future<JsonNode> answer = teacher.submit(() -> knobs(300, true));
            await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(5))
                    .until(() -> get().path("outage").asBoolean());
            int handledWhenShown = listener.handled(batch);
            answer.get();
            await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3))
                    .until(() -> listener.handled(batch) <= handledWhenShown + CONSUMERS);
            assertNoConsumerWithin(WITHIN);
        } finally {
            teacher.shutdownNow();
        }
    }

    @Test
    void shouldTakeEveryConsumerOffWhenMessagesAreInHandAndSlow() throws Exception {
        knobs(3_000, false);
        String batch = send(40);
        await().atMost(Duration.ofSeconds(10)).until(() -> admin.getQueueInfo(QUEUE).getMessageCount() == 0);

        knobs(3_000, true);
        knobs(3_000, false);
        knobs(3_000, true);
        assertNoConsumerWithin(WITHIN);
        int handledAtOutage = listener.handled(batch);
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(5))
                .until(() -> listener.handled(batch) == handledAtOutage);
    }

    @Test
    void shouldReportTheQueueAndItsConsumersLiveFromTheBroker() throws Exception {
        await().atMost(WITHIN).untilAsserted(() -> {
            JsonNode queue = get().path("queues").get(0);
            assertThat(queue.path("name").asString()).isEqualTo(QUEUE);
            assertThat(queue.path("consumers").asLong()).isEqualTo(CONSUMERS);
        });
        JsonNode answer = knobs(0, true);
        assertThat(answer.path("queues").get(0).path("consumers").asLong()).isZero();
    }

    /** Sends a batch of messages of its own, so a test counts only what it sent. */
    private String send(int messages) {
        String batch = UUID.randomUUID().toString();
        for (int i = 0; i < messages; i++) {
            rabbitTemplate.convertAndSend("", QUEUE, batch + ":" + i);
        }
        return batch;
    }

    private void assertNoConsumerWithin(Duration bound) {
        await().atMost(bound).pollInterval(Duration.ofMillis(50)).until(() -> consumers() == 0);
        // And it stays that way: nothing brings a consumer back behind the knob's back.
        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(2)).until(() -> consumers() == 0);
    }

    private void assertAllConsumersBackWithin(Duration bound) {
        await().atMost(bound).pollInterval(Duration.ofMillis(50)).until(() -> consumers() == CONSUMERS);
    }

    /** What the broker says, not what the application believes. */
    private long consumers() {
        return admin.getQueueInfo(QUEUE).getConsumerCount();
    }

    private JsonNode knobs(long latencyMs, boolean outage) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/demo/chaos"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"latencyMs\":" + latencyMs + ",\"outage\":" + outage + "}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private JsonNode get() throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/demo/chaos")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {

        @Bean
        Queue outageTestQueue() {
            return QueueBuilder.nonDurable(QUEUE).build();
        }

        @Bean
        CountingListener countingListener(ChaosKnobs knobs) {
            return new CountingListener(knobs);
        }
    }

    /** A consumer as the services write theirs: the knobs first, then the work. */
    @Component
    static class CountingListener {

        private final Map<String, AtomicInteger> handled = new ConcurrentHashMap<>();
        private final ChaosKnobs knobs;

        CountingListener(ChaosKnobs knobs) {
            this.knobs = knobs;
        }

        @RabbitListener(queues = QUEUE, concurrency = "" + CONSUMERS)
        void on(String message) {
            knobs.beforeMessage();
            handled.computeIfAbsent(message.substring(0, message.indexOf(':')), batch -> new AtomicInteger())
                    .incrementAndGet();
        }

        int handled(String batch) {
            AtomicInteger count = handled.get(batch);
            return count == null ? 0 : count.get();
        }
    }
}
