package com.hmall.e2e.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

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

    protected static final String PASSWORD = Shop.PASSWORD;

    protected final Services services = Services.fromEnvironment();
    protected final Shop shop = new Shop(services);

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
        return shop.newUser(balance);
    }

    protected long balanceOf(long userId) {
        return shop.balanceOf(userId);
    }

    protected long newOrder(long userId, long amount) {
        return shop.newOrder(userId, amount);
    }

    protected String orderStatus(long orderId) {
        return shop.orderStatus(orderId);
    }

    protected Reply apply(long orderId, long userId, long amount) {
        return shop.apply(orderId, userId, amount);
    }

    protected Reply pay(long payOrderId, String password) {
        return shop.pay(payOrderId, password);
    }

    protected String payOrderStatus(long payOrderId) {
        return shop.payOrderStatus(payOrderId);
    }

    protected void setMode(String mode) {
        shop.setMode(mode);
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
        return shop.newPurchaseOf(userId, amount);
    }

    public record Purchase(long userId, long orderId, long payOrderId, String payOrderNo, long amount) {
    }
}
