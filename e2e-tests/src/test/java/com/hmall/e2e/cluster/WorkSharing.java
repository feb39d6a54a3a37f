package com.hmall.e2e.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static com.hmall.e2e.cluster.ClusterSuite.instanceOf;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.hmall.e2e.support.Services;
import com.hmall.e2e.support.Services.Reply;
import com.hmall.e2e.support.Services.Service;
import com.hmall.testing.Concurrently;

import tools.jackson.databind.JsonNode;

/**
 * Two instances of every service share the work, each effect done once: what a user of the
 * launcher's {@code HMALL_INSTANCES=2} would notice, checked on {@link ClusterSuite}'s two of
 * everything before its faults (it was a suite of its own, and starting eleven more JVMs for it cost
 * CI minutes). Payments through either pay-service all succeed, each effect exactly once; both
 * instances of each consumer, coupon-service included, take events from their shared queue; in sync
 * mode one pay-service's Feign calls reach both instances of every downstream.
 */
final class WorkSharing {

    private static final List<String> CONSUMERS = List.of("trade-service", "notify-service", "points-service",
            "coupon-service");
    private static final String PASSWORD = "123";
    private static final long AMOUNT = 10_000;
    private static final int ASYNC_PAYMENTS = 200;
    private static final int SYNC_PAYMENTS = 40;

    private WorkSharing() {
    }

    /**
     * On a suite that has just started, so the consumers' counters hold these payments' events only.
     * Leaves pay-service 1 in async mode, as the faults after it expect.
     */
    static void check() throws Exception {
        long userId = newUser(100_000_000L);

        // Async: 200 payments, alternately through each pay-service.
        List<Purchase> async = payAll(userId, ASYNC_PAYMENTS, true);
        assertThat(async).allSatisfy(purchase -> assertThat(purchase.mode()).isEqualTo("async"));
        awaitEveryEffectOnce(userId, async);
        Map<String, long[]> consumed = new LinkedHashMap<>();
        for (String consumer : CONSUMERS) {
            long[] split = { consumedBy(consumer, 1), consumedBy(consumer, 2) };
            consumed.put(consumer, split);
        }
        System.out.printf("[cluster scale] async: %d payments, pay-service 1 and 2 took %d each%n", async.size(),
                async.size() / 2);
        consumed.forEach((consumer, split) -> System.out.printf("[cluster scale] async: %s handled %d + %d events%n",
                consumer, split[0], split[1]));
        assertThat(consumed).allSatisfy((consumer, split) -> {
            assertThat(split[0]).as("events %s's instance 1 handled", consumer).isPositive();
            assertThat(split[1]).as("events %s's instance 2 handled", consumer).isPositive();
            assertThat(split[0] + split[1]).as("events %s handled (redeliveries included)", consumer)
                    .isGreaterThanOrEqualTo(ASYNC_PAYMENTS);
        });

        // Sync: 40 payments through pay-service 1 alone; its Feign calls spread over both instances.
        Map<String, String> calledUris = new LinkedHashMap<>();
        calledUris.put("user-service", "PUT /users/{id}/deductions");
        calledUris.put("trade-service", "PUT /orders/{id}/paid");
        calledUris.put("notify-service", "POST /notifications");
        calledUris.put("points-service", "POST /points/awards");
        Map<String, long[]> before = requestCounts(calledUris);
        Service pay = instanceOf("pay-service", 1);
        expect(pay.put("/mode", Services.json(Map.of("mode", "sync"))), 200, "pay-service 1 to sync");
        List<Purchase> sync;
        try {
            sync = payAll(userId, SYNC_PAYMENTS, false);
        } finally {
            // Not asserted here, where it would hide why the payments failed; checked just below.
            pay.put("/mode", Services.json(Map.of("mode", "async")));
        }
        assertThat(pay.get("/mode").text("mode")).as("pay-service 1's mode, set back").isEqualTo("async");
        assertThat(sync).allSatisfy(purchase -> assertThat(purchase.mode()).isEqualTo("sync"));
        List<Purchase> all = new ArrayList<>(async);
        all.addAll(sync);
        awaitEveryEffectOnce(userId, all);
        // A server records a request once it has answered it: the last calls' counts may come a moment later.
        Map<String, long[]> after = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> requestCounts(calledUris), counts -> calledUris.keySet().stream()
                        .allMatch(service -> delta(counts, before, service, 0) + delta(counts, before, service, 1)
                                >= SYNC_PAYMENTS));
        calledUris.forEach((service, uri) -> {
            long first = delta(after, before, service, 0);
            long second = delta(after, before, service, 1);
            System.out.printf("[cluster scale] sync: %s %s answered %d + %d calls%n", service, uri, first, second);
            assertThat(first).as("%s calls to %s's instance 1", uri, service).isPositive();
            assertThat(second).as("%s calls to %s's instance 2", uri, service).isPositive();
            assertThat(first + second).as("%s calls to %s", uri, service).isEqualTo(SYNC_PAYMENTS);
        });
    }

    private static long delta(Map<String, long[]> after, Map<String, long[]> before, String service, int index) {
        return after.get(service)[index] - before.get(service)[index];
    }

    private record Purchase(long orderId, long payOrderId, String payOrderNo, String mode) {
    }

    /** Makes and pays {@code count} orders, four at a time; through both pay-services or pay-service 1. */
    private static List<Purchase> payAll(long userId, int count, boolean alternate) throws Exception {
        return Concurrently.call(count, 4, index -> purchase(userId, alternate ? 1 + index % 2 : 1));
    }

    private static Purchase purchase(long userId, int payInstance) {
        JsonNode order = expect(instanceOf("trade-service", payInstance).post("/orders",
                Services.json(Map.of("userId", userId, "amount", AMOUNT))), 201, "the trade order");
        long orderId = order.get("id").asLong();
        Service pay = instanceOf("pay-service", payInstance);
        JsonNode payOrder = expect(pay.post("/pay-orders",
                Services.json(Map.of("bizOrderNo", orderId, "userId", userId, "amount", AMOUNT))), 201,
                "the pay order of order " + orderId);
        long payOrderId = payOrder.get("id").asLong();
        JsonNode paid = expect(pay.post("/pay-orders/" + payOrderId + "/balance-payments",
                Services.json(Map.of("password", PASSWORD))), 200, "the payment of pay order " + payOrderId);
        assertThat(paid.get("status").asString()).as("payment of order %s through pay-service %s", orderId, payInstance)
                .isEqualTo("SUCCESS");
        return new Purchase(orderId, payOrderId, payOrder.get("payOrderNo").asString(), paid.get("mode").asString());
    }

    /** Every order PAID, and exactly one notification and one points award per payOrderNo, nothing else. */
    private static void awaitEveryEffectOnce(long userId, List<Purchase> purchases) {
        Set<String> expected = new HashSet<>();
        purchases.forEach(purchase -> expected.add(purchase.payOrderNo()));
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            List<String> notified = new ArrayList<>();
            expect(instanceOf("notify-service", 1).get("/notifications?userId=" + userId), 200, "the notifications")
                    .forEach(n -> notified.add(n.get("payOrderNo").asString()));
            assertThat(notified).as("notifications, one per payment").hasSize(expected.size())
                    .containsExactlyInAnyOrderElementsOf(expected);
            JsonNode points = expect(instanceOf("points-service", 2).get("/points/" + userId), 200, "the points");
            List<String> awarded = new ArrayList<>();
            points.get("history").forEach(award -> awarded.add(award.get("payOrderNo").asString()));
            assertThat(awarded).as("points awards, one per payment").hasSize(expected.size())
                    .containsExactlyInAnyOrderElementsOf(expected);
            assertThat(points.get("total").asLong()).isEqualTo(expected.size() * (AMOUNT / 100));
        });
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            for (Purchase purchase : purchases) {
                Service trade = instanceOf("trade-service", 1 + (int) (purchase.orderId() % 2));
                assertThat(trade.get("/orders/" + purchase.orderId()).text("status")).as("order %s", purchase.orderId())
                        .isEqualTo("PAID");
            }
        });
    }

    private static long newUser(long balance) {
        String username = "scale-" + UUID.randomUUID().toString().substring(0, 8);
        return expect(instanceOf("user-service", 1).post("/users",
                Services.json(Map.of("username", username, "password", PASSWORD, "balance", balance))), 201,
                "the new user").get("id").asLong();
    }

    /** The messaging starter's counter of events this instance handled (0 before its first). */
    private static long consumedBy(String service, int instance) {
        return sum(prometheus(service, instance), "hmall_events_consumed_total\\{[^}]*\\}");
    }

    /** Per service: how many requests each instance answered for its called "METHOD uri". */
    private static Map<String, long[]> requestCounts(Map<String, String> calls) {
        Map<String, long[]> counts = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : calls.entrySet()) {
            String[] call = entry.getValue().split(" ", 2);
            String series = "http_server_requests_seconds_count\\{(?=[^}]*method=\"" + call[0] + "\")(?=[^}]*uri=\""
                    + Pattern.quote(call[1]) + "\").*\\}"; // .*: a uri template has braces of its own
            counts.put(entry.getKey(), new long[] { sum(prometheus(entry.getKey(), 1), series),
                    sum(prometheus(entry.getKey(), 2), series) });
        }
        return counts;
    }

    private static long sum(String metrics, String series) {
        Matcher matcher = Pattern.compile("(?m)^" + series + " ([0-9.eE+]+)$").matcher(metrics);
        double total = 0;
        while (matcher.find()) {
            total += Double.parseDouble(matcher.group(1));
        }
        return Math.round(total);
    }

    private static String prometheus(String service, int instance) {
        return instanceOf(service, instance).getText("/actuator/prometheus");
    }

    private static JsonNode expect(Reply reply, int status, String what) {
        assertThat(reply.status()).as("%s: %s", what, reply.body()).isEqualTo(status);
        return reply.body();
    }
}
