package com.hmall.e2e.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import com.hmall.e2e.support.EndToEndTest.Purchase;
import com.hmall.e2e.support.Services.Reply;
import com.hmall.e2e.support.Services.Service;

/**
 * The steps of a payment as a student would type them (user, order, pay order, pay, look), against
 * whichever suite {@link Services} points at: the tests' own ({@link EndToEndTest}) or one a test
 * started for itself, such as the cluster fault suite's.
 */
public final class Shop {

    public static final String PASSWORD = "secret-123";

    private final Services services;

    public Shop(Services services) {
        this.services = services;
    }

    public long newUser(long balance) {
        String username = "e2e_" + UUID.randomUUID().toString().substring(0, 20);
        Reply user = services.user.post("/users",
                Services.json(Map.of("username", username, "password", PASSWORD, "balance", balance)));
        assertThat(user.status()).as("create user: %s", user.body()).isEqualTo(201);
        return user.id();
    }

    public long balanceOf(long userId) {
        return services.user.get("/users/" + userId).number("balance");
    }

    public long newOrder(long userId, long amount) {
        Reply order = services.trade.post("/orders", Services.json(Map.of("userId", userId, "amount", amount)));
        assertThat(order.status()).as("create order: %s", order.body()).isEqualTo(201);
        assertThat(order.text("status")).isEqualTo("UNPAID");
        return order.id();
    }

    public String orderStatus(long orderId) {
        return services.trade.get("/orders/" + orderId).text("status");
    }

    public Reply apply(long orderId, long userId, long amount) {
        Reply payOrder = services.pay.post("/pay-orders",
                Services.json(Map.of("bizOrderNo", orderId, "userId", userId, "amount", amount)));
        assertThat(payOrder.status()).as("apply: %s", payOrder.body()).isIn(200, 201);
        return payOrder;
    }

    public Reply pay(long payOrderId, String password) {
        return pay(services.pay, payOrderId, password);
    }

    /** Pays through one given pay-service instance, as a load balancer in front of several would. */
    public Reply pay(Service payService, long payOrderId, String password) {
        return payService.post("/pay-orders/" + payOrderId + "/balance-payments",
                Services.json(Map.of("password", password)));
    }

    public String payOrderStatus(long payOrderId) {
        return services.pay.get("/pay-orders/" + payOrderId).text("status");
    }

    public void setMode(String mode) {
        Reply reply = services.pay.put("/mode", Services.json(Map.of("mode", mode)));
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.text("mode")).isEqualTo(mode);
    }

    /** An order of this user and its pay order, ready to pay. */
    public Purchase newPurchaseOf(long userId, long amount) {
        long orderId = newOrder(userId, amount);
        Reply payOrder = apply(orderId, userId, amount);
        return new Purchase(userId, orderId, payOrder.id(), payOrder.text("payOrderNo"), amount);
    }
}
