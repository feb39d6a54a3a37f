package com.hmall.pay.payment;

import static org.assertj.core.api.Assertions.assertThat;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterEach;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.hmall.pay.mode.ModeSwitch;
import com.hmall.payevents.PayEvents;
import com.hmall.pay.mode.PaymentMode;
import com.hmall.pay.support.FakeDownstreams;
import com.hmall.pay.support.HttpJson;
import com.hmall.pay.support.HttpJson.Reply;
import com.hmall.pay.support.RecordedSpans;

import tools.jackson.databind.JsonNode;

/**
 * pay-service against the real MariaDB and RabbitMQ, with its four downstream services played by
 * a fake HTTP server so that failures can be switched on, and every finished span recorded. The
 * integration test classes share this one application context: one outbox relay and one recovery
 * job, so no second context settles or publishes what a test waits for.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        // Short enough to time a deduction out in a test, long enough for a loaded CI machine.
        "spring.cloud.openfeign.client.config.user-service.read-timeout=1500",
        // The recovery job is run by hand in the tests.
        "pay.payment.recovery-interval-ms=3600000",
        "pay.payment.claim-margin=200ms" })
@Import(PayServiceIntegrationTest.Downstreams.class)
abstract class PayServiceIntegrationTest {

    /** Not the seeded user 1: events of these tests may reach a running suite's consumers. */
    static final long TEST_USER_ID = 900_000_001L;

    /**
     * One fake for the one context: Feign reads the URLs when it registers its clients, before any
     * bean exists, so they come from a {@link DynamicPropertySource} and the fake is started first.
     */
    static final FakeDownstreams downstreams = startDownstreams();

    @DynamicPropertySource
    static void downstreamUrls(DynamicPropertyRegistry registry) {
        for (String service : List.of("user", "trade", "notify", "points")) {
            registry.add("hmall.services." + service + "-url", downstreams::baseUrl);
        }
    }

    @LocalServerPort
    private int port;

    @Autowired
    ModeSwitch modeSwitch;

    @Autowired
    private RabbitAdmin rabbitAdmin;

    @Autowired
    private RabbitTemplate rabbitTemplate;

    @AfterEach
    void restore() {
        downstreams.heal();
        modeSwitch.switchTo(PaymentMode.ASYNC);
    }

    /**
     * A queue of the test's own, bound to the payment events, for {@link #awaitMessageFor}; remove it
     * with {@link #unbindTestQueue}. A plain queue, not auto-delete: each receive with a timeout is a
     * consumer that is cancelled again, and the first cancel would delete the queue before the event
     * got there.
     */
    String bindTestQueue() {
        Queue listener = new Queue("pay-service-test-" + UUID.randomUUID(), false, false, false);
        rabbitAdmin.declareQueue(listener);
        rabbitAdmin.declareBinding(BindingBuilder.bind(listener).to(PayEvents.payExchange())
                .with(PayEvents.PAY_SUCCESS_KEY));
        return listener.getName();
    }

    void unbindTestQueue(String queue) {
        rabbitAdmin.deleteQueue(queue);
    }

    /** The event of that pay order, once it reached the test's queue. */
    Message awaitMessageFor(String queue, String payOrderNo) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> {
            Message message = rabbitTemplate.receive(queue, 500);
            return message != null && new String(message.getBody(), StandardCharsets.UTF_8).contains(payOrderNo)
                    ? message : null;
        }, m -> m != null);
    }

    Reply apply(long amount) {
        Reply reply = http().post("/pay-orders", application(newTradeOrder(TEST_USER_ID, amount), TEST_USER_ID, amount));
        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.body().get("status").asString()).isEqualTo("WAITING");
        return reply;
    }

    Reply pay(Reply order, String password) {
        return pay(order.body(), password);
    }

    Reply pay(JsonNode order, String password) {
        return http().post("/pay-orders/" + order.path("id").asLong(0) + "/balance-payments",
                "{\"password\":\"" + password + "\"}");
    }

    Reply read(Reply order) {
        return http().get("/pay-orders/" + order.body().get("id").asLong());
    }

    HttpJson http() {
        return new HttpJson("http://127.0.0.1:" + port);
    }

    static String application(long bizOrderNo, long userId, long amount) {
        return "{\"bizOrderNo\":" + bizOrderNo + ",\"userId\":" + userId + ",\"amount\":" + amount + "}";
    }

    /** A trade order the fake trade-service knows, UNPAID. */
    long newTradeOrder(long userId, long amount) {
        long id = newBizOrderNo();
        downstreams.tradeOrder(id, userId, amount, "UNPAID");
        return id;
    }

    static long newBizOrderNo() {
        return ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_000_000_000_000L);
    }

    private static FakeDownstreams startDownstreams() {
        try {
            return new FakeDownstreams();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stops the fake downstream services with the context that calls them; records every span. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Downstreams {

        @Bean
        DisposableBean stopFakeDownstreams() {
            return downstreams::close;
        }

        @Bean
        RecordedSpans recordedSpans() {
            return new RecordedSpans();
        }
    }
}
