package com.hmall.e2e.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;

import com.hmall.e2e.support.Services.Reply;
import com.hmall.e2e.support.Services.Service;

/**
 * Base of the end-to-end tests: the running suite, plus the steps of a payment as a student would
 * type them. Every test leaves the mode and the chaos knobs as it found them.
 */
@ExtendWith(LocalSuite.class)
public abstract class EndToEndTest {

    protected static final String PASSWORD = "secret-123";

    protected final Services services = Services.fromEnvironment();

    @AfterEach
    void restoreKnobs() {
        for (Service service : services.downstream()) {
            service.put("/demo/chaos", "{\"latencyMs\":0,\"outage\":false}");
        }
        setMode("async");
    }

    protected ConditionFactory eventually() {
        return Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100));
    }

    protected long newUser(long balance) {
        String username = "e2e_" + UUID.randomUUID().toString().substring(0, 20);
        Reply user = services.user.post("/users",
                Services.json(Map.of("username", username, "password", PASSWORD, "balance", balance)));
        assertThat(user.status()).as("create user: %s", user.body()).isEqualTo(201);
        return user.id();
    }

    protected long balanceOf(long userId) {
        return services.user.get("/users/" + userId).number("balance");
    }

    protected long newOrder(long userId, long amount) {
        Reply order = services.trade.post("/orders", Services.json(Map.of("userId", userId, "amount", amount)));
        assertThat(order.status()).as("create order: %s", order.body()).isEqualTo(201);
        assertThat(order.text("status")).isEqualTo("UNPAID");
        return order.id();
    }

    protected String orderStatus(long orderId) {
        return services.trade.get("/orders/" + orderId).text("status");
    }

    protected Reply apply(long orderId, long userId, long amount) {
        Reply payOrder = services.pay.post("/pay-orders",
                Services.json(Map.of("bizOrderNo", orderId, "userId", userId, "amount", amount)));
        assertThat(payOrder.status()).as("apply: %s", payOrder.body()).isIn(200, 201);
        return payOrder;
    }

    protected Reply pay(long payOrderId, String password) {
        return services.pay.post("/pay-orders/" + payOrderId + "/balance-payments",
                Services.json(Map.of("password", password)));
    }

    protected String payOrderStatus(long payOrderId) {
        return services.pay.get("/pay-orders/" + payOrderId).text("status");
    }

    protected void setMode(String mode) {
        Reply reply = services.pay.put("/mode", Services.json(Map.of("mode", mode)));
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.text("mode")).isEqualTo(mode);
    }

    protected void outage(Service service, boolean outage) {
        Reply reply = service.put("/demo/chaos", Services.json(Map.of("latencyMs", 0, "outage", outage)));
        assertThat(reply.status()).isEqualTo(200);
    }

    protected long notificationsFor(long userId, String payOrderNo) {
        Reply list = services.notify.get("/notifications?userId=" + userId);
        assertThat(list.status()).isEqualTo(200);
        long count = 0;
        for (var notification : list.body()) {
            count += payOrderNo.equals(notification.path("payOrderNo").asString()) ? 1 : 0;
        }
        return count;
    }

    protected long awardsFor(long userId, String payOrderNo) {
        Reply points = services.points.get("/points/" + userId);
        assertThat(points.status()).isEqualTo(200);
        long count = 0;
        for (var award : points.body().get("history")) {
            count += payOrderNo.equals(award.path("payOrderNo").asString()) ? 1 : 0;
        }
        return count;
    }

    protected long pointsTotal(long userId) {
        return services.points.get("/points/" + userId).number("total");
    }

    /** A user with an order and its pay order, ready to pay. */
    protected Purchase newPurchase(long balance, long amount) {
        return newPurchaseOf(newUser(balance), amount);
    }

    /** An order of this user and its pay order, ready to pay. */
    protected Purchase newPurchaseOf(long userId, long amount) {
        long orderId = newOrder(userId, amount);
        Reply payOrder = apply(orderId, userId, amount);
        return new Purchase(userId, orderId, payOrder.id(), payOrder.text("payOrderNo"), amount);
    }

    protected record Purchase(long userId, long orderId, long payOrderId, String payOrderNo, long amount) {
    }
}
