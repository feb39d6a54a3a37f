package com.hmall.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.hmall.e2e.support.Broker;
import com.hmall.e2e.support.EndToEndTest;
import com.hmall.e2e.support.Services;
import com.hmall.e2e.support.Services.Reply;

class AsyncPaymentIT extends EndToEndTest {

    @BeforeEach
    void asyncMode() {
        setMode("async");
    }

    @Test
    void shouldPayAndLetEveryConsumerDoItsPart() {
        Purchase purchase = newPurchase(100_000, 12_345);

        Reply paid = pay(purchase.payOrderId(), PASSWORD);

        assertThat(paid.status()).isEqualTo(200);
        assertThat(paid.text("status")).isEqualTo("SUCCESS");
        assertThat(paid.text("mode")).isEqualTo("async");
        assertThat(balanceOf(purchase.userId())).isEqualTo(100_000 - 12_345);
        assertThat(payOrderStatus(purchase.payOrderId())).isEqualTo("SUCCESS");
        eventually().untilAsserted(() -> {
            assertThat(orderStatus(purchase.orderId())).isEqualTo("PAID");
            assertThat(notificationsFor(purchase.userId(), purchase.payOrderNo())).isEqualTo(1);
            assertThat(pointsTotal(purchase.userId())).isEqualTo(123);
        });
        // How long "eventually" was, per consumer, in each service's Prometheus metrics.
        assertThat(services.trade.getText("/actuator/prometheus")).contains("hmall_payment_lag_seconds_count{consumer=\"trade\"");
        assertThat(services.notify.getText("/actuator/prometheus")).contains("hmall_payment_lag_seconds_count{consumer=\"notify\"");
        assertThat(services.points.getText("/actuator/prometheus")).contains("hmall_payment_lag_seconds_count{consumer=\"points\"");
        assertThat(services.points.getText("/actuator/prometheus")).contains("hmall_events_consumed_total{consumer=\"points\"");
    }

    @Test
    void shouldSucceedWhileNotifyIsDownAndNotifyOnceItIsBack() throws Exception {
        Purchase purchase = newPurchase(50_000, 10_000);
        outage(services.notify, true);

        Reply paid = pay(purchase.payOrderId(), PASSWORD);

        assertThat(paid.status()).isEqualTo(200);
        eventually().untilAsserted(() -> {
            assertThat(orderStatus(purchase.orderId())).isEqualTo("PAID");
            assertThat(awardsFor(purchase.userId(), purchase.payOrderNo())).isEqualTo(1);
        });
        // notify-service answers nothing while it is down; its message waits in its queue.
        try (Broker broker = new Broker()) {
            eventually().untilAsserted(() -> assertThat(broker.depth("notify.pay.success.queue")).isPositive());
        }
        assertThat(services.notify.get("/notifications?userId=" + purchase.userId()).code())
                .isEqualTo("SERVICE_UNAVAILABLE");

        outage(services.notify, false);

        eventually().untilAsserted(() ->
                assertThat(notificationsFor(purchase.userId(), purchase.payOrderNo())).isEqualTo(1));
    }

    @Test
    void shouldHaveOneEffectWhenTheSameEventArrivesAgain() throws Exception {
        Purchase purchase = newPurchase(50_000, 20_000);
        assertThat(pay(purchase.payOrderId(), PASSWORD).status()).isEqualTo(200);
        eventually().untilAsserted(() -> {
            assertThat(orderStatus(purchase.orderId())).isEqualTo("PAID");
            assertThat(notificationsFor(purchase.userId(), purchase.payOrderNo())).isEqualTo(1);
            assertThat(awardsFor(purchase.userId(), purchase.payOrderNo())).isEqualTo(1);
        });
        Reply payOrder = services.pay.get("/pay-orders/" + purchase.payOrderId());
        String event = Services.json(java.util.Map.of(
                "eventId", UUID.randomUUID().toString(),
                "payOrderId", purchase.payOrderId(),
                "payOrderNo", purchase.payOrderNo(),
                "bizOrderNo", purchase.orderId(),
                "userId", purchase.userId(),
                "amount", purchase.amount(),
                "paidAt", payOrder.text("paidAt")));

        // Four listener threads per queue handle messages in no fixed order: each consumer's count
        // of handled events says when both copies are done.
        Map<Services.Service, Double> handledBefore = new HashMap<>();
        for (Services.Service consumer : List.of(services.trade, services.notify, services.points)) {
            handledBefore.put(consumer, eventsConsumed(consumer));
        }
        try (Broker broker = new Broker()) {
            String messageId = UUID.randomUUID().toString();
            broker.publish("pay.topic", "pay.success", messageId, event);
            broker.publish("pay.topic", "pay.success", messageId, event);
        }
        handledBefore.forEach((consumer, before) -> eventually().untilAsserted(() ->
                assertThat(eventsConsumed(consumer)).as(consumer.name()).isGreaterThanOrEqualTo(before + 2)));

        assertThat(notificationsFor(purchase.userId(), purchase.payOrderNo())).isEqualTo(1);
        assertThat(awardsFor(purchase.userId(), purchase.payOrderNo())).isEqualTo(1);
        assertThat(pointsTotal(purchase.userId())).isEqualTo(200);
        assertThat(orderStatus(purchase.orderId())).isEqualTo("PAID");
        assertThat(balanceOf(purchase.userId())).isEqualTo(30_000);
    }

    /** hmall_events_consumed_total of the service's consumer, 0 before its first event. */
    private static double eventsConsumed(Services.Service consumer) {
        String name = consumer.name().replace("-service", "");
        return consumer.getText("/actuator/prometheus").lines()
                .filter(line -> line.startsWith("hmall_events_consumed_total{consumer=\"" + name + "\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    @Test
    void shouldDeadLetterAnUnparseableMessageAndGoOnWithTheNext() throws Exception {
        String messageId = "e2e-poison-" + UUID.randomUUID();
        try (Broker broker = new Broker()) {
            broker.publish("pay.topic", "pay.success", messageId, "{this is not json");

            Purchase next = newPurchase(10_000, 5_000);
            assertThat(pay(next.payOrderId(), PASSWORD).status()).isEqualTo(200);
            eventually().untilAsserted(() -> {
                assertThat(orderStatus(next.orderId())).isEqualTo("PAID");
                assertThat(notificationsFor(next.userId(), next.payOrderNo())).isEqualTo(1);
                assertThat(awardsFor(next.userId(), next.payOrderNo())).isEqualTo(1);
            });
            for (String deadLetterQueue : new String[] { "trade.pay.success.dlq", "notify.pay.success.dlq",
                    "points.pay.success.dlq" }) {
                eventually().untilAsserted(() -> assertThat(broker.takeMessage(deadLetterQueue, messageId))
                        .as("poison message in %s", deadLetterQueue).isTrue());
            }
            // ... and each consumer counted what it gave up on.
            assertThat(services.trade.getText("/actuator/prometheus")).contains("hmall_events_dead_lettered_total{consumer=\"trade\"");
            assertThat(services.notify.getText("/actuator/prometheus")).contains("hmall_events_dead_lettered_total{consumer=\"notify\"");
            assertThat(services.points.getText("/actuator/prometheus")).contains("hmall_events_dead_lettered_total{consumer=\"points\"");
        }
    }
}
