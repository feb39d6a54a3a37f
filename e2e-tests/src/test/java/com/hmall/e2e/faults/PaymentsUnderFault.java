package com.hmall.e2e.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.hmall.e2e.support.EndToEndTest.Purchase;
import com.hmall.e2e.support.Services;
import com.hmall.e2e.support.Services.Service;
import com.hmall.e2e.support.Shop;

import tools.jackson.databind.JsonNode;

/**
 * One fault scenario's payments and their books, for whichever suite {@link Services} points at:
 * creates {@value #USERS} users and {@link #payments()} orders, pays them from {@value #THREADS}
 * threads (in the mode the suite is in), injects the fault a third of the way in, heals it at two
 * thirds, waits for the system to settle and reconciles every payment (see {@link Reconciliation}).
 * {@code -Dfaults.payments=N} changes the count (default {@value #DEFAULT_PAYMENTS}).
 */
public final class PaymentsUnderFault {

    public static final int DEFAULT_PAYMENTS = 500;
    public static final int USERS = 10;
    public static final int THREADS = 8;
    private static final long START_BALANCE = 50_000_000L;
    private static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(3);
    /** coupon-service's rule (api.md): one coupon for every payment of at least 10000 fen. */
    private static final long COUPON_MIN_PAYMENT = 10_000;

    private final Services services;
    private final Shop shop;
    private final List<Service> payInstances;
    private final Runnable afterHeal;

    /**
     * @param payInstances the pay-services payments go to, in turn (one, or every instance, as a load
     *                     balancer in front of them would spread them)
     * @param afterHeal    what brings the suite back to whole once the fault is healed (an optional
     *                     service the heal does not start, say)
     */
    public PaymentsUnderFault(Services services, List<Service> payInstances, Runnable afterHeal) {
        this.services = services;
        this.shop = new Shop(services);
        this.payInstances = List.copyOf(payInstances);
        this.afterHeal = afterHeal;
    }

    public static int payments() {
        return Integer.getInteger("faults.payments", DEFAULT_PAYMENTS);
    }

    /** The scenario's purchases and their books once settled (or once the patience ran out). */
    public record Outcome(List<Purchase> purchases, Reconciliation books) {
    }

    public Outcome run(Fault fault) throws Exception {
        List<Long> users = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            users.add(shop.newUser(START_BALANCE));
        }
        List<Purchase> purchases = preparePurchases(users);

        long healedAt = payAllWhile(fault, purchases);

        return new Outcome(purchases, settle(users, purchases, healedAt));
    }

    /** Appends a scenario's line to a report file (under target/, read after the build). */
    public static void record(Path report, String line) {
        try {
            Files.createDirectories(report.getParent());
            Files.writeString(report, line + System.lineSeparator(), StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<Purchase> preparePurchases(List<Long> users) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Purchase>> pending = new ArrayList<>();
            for (int i = 0; i < payments(); i++) {
                long userId = users.get(i % USERS);
                long amount = ThreadLocalRandom.current().nextLong(100, 20_000);
                pending.add(pool.submit(() -> shop.newPurchaseOf(userId, amount)));
            }
            List<Purchase> purchases = new ArrayList<>();
            for (var purchase : pending) {
                purchases.add(purchase.get());
            }
            return purchases;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Pays every purchase from several threads, with the fault injected between a third and two
     * thirds; returns when the fault was healed and every service was up again (System.nanoTime).
     * A fault that takes time ({@link Fault#duration()}) gets its third of the payments spread over
     * that time, the rest waiting until it is over.
     */
    private long payAllWhile(Fault fault, List<Purchase> purchases) throws InterruptedException {
        AtomicInteger finished = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
        int third = purchases.size() / 3;
        int twoThirds = purchases.size() * 2 / 3;
        boolean paced = !fault.duration().isZero();
        for (int i = 0; i < (paced ? third : purchases.size()); i++) {
            pool.execute(payment(purchases, i, finished));
        }
        try {
            await().atMost(Duration.ofMinutes(5)).until(() -> finished.get() >= third);
            if (paced) {
                long spacingNanos = fault.duration().toNanos() / Math.max(1, twoThirds - third);
                for (int i = third; i < twoThirds; i++) {
                    Runnable payment = payment(purchases, i, finished);
                    pacer.schedule(() -> pool.execute(payment), (i - third) * spacingNanos, TimeUnit.NANOSECONDS);
                }
            }
            fault.inject();
            await().atMost(paced ? fault.duration().plus(Duration.ofMinutes(5)) : Duration.ofMinutes(5))
                    .until(() -> finished.get() >= twoThirds);
        } finally {
            pacer.shutdownNow();
            fault.heal();
        }
        for (int i = twoThirds; paced && i < purchases.size(); i++) {
            pool.execute(payment(purchases, i, finished));
        }
        afterHeal.run();
        long healedAt = System.nanoTime();
        pool.shutdown();
        assertThat(pool.awaitTermination(5, TimeUnit.MINUTES)).isTrue();
        return healedAt;
    }

    private Runnable payment(List<Purchase> purchases, int index, AtomicInteger finished) {
        Purchase purchase = purchases.get(index);
        Service payService = payInstances.get(index % payInstances.size());
        return () -> {
            try {
                shop.pay(payService, purchase.payOrderId(), Shop.PASSWORD);
            } catch (RuntimeException lostInTheFault) {
                // The outcome of a request that died with the fault is read from the books later.
            } finally {
                finished.incrementAndGet();
            }
        };
    }

    /**
     * Waits until the books balance or the patience runs out, and returns the last reading, with how
     * long after the heal no money was missing any more.
     */
    private Reconciliation settle(List<Long> users, List<Purchase> purchases, long healedAt)
            throws InterruptedException {
        long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
        Reconciliation books = reconcile(users, purchases);
        Duration moneyBack = books.drift() == 0 ? Duration.ofNanos(System.nanoTime() - healedAt) : null;
        while (!books.consistent() && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(500);
            books = reconcile(users, purchases);
            if (moneyBack == null && books.drift() == 0) {
                moneyBack = Duration.ofNanos(System.nanoTime() - healedAt);
            }
        }
        return books.withMoneyBackAfter(moneyBack == null ? SETTLE_TIMEOUT : moneyBack);
    }

    private Reconciliation reconcile(List<Long> users, List<Purchase> purchases) {
        Map<String, Integer> notifications = new HashMap<>();
        Map<String, Integer> awards = new HashMap<>();
        Map<String, Integer> coupons = new HashMap<>();
        boolean withCoupons = services.coupon.isHealthy();
        long balances = 0;
        for (long userId : users) {
            for (JsonNode notification : services.notify.get("/notifications?userId=" + userId).body()) {
                notifications.merge(notification.get("payOrderNo").asString(), 1, Integer::sum);
            }
            for (JsonNode award : services.points.get("/points/" + userId).body().get("history")) {
                awards.merge(award.get("payOrderNo").asString(), 1, Integer::sum);
            }
            if (withCoupons) {
                for (JsonNode coupon : services.coupon.get("/coupons?userId=" + userId).body()) {
                    coupons.merge(coupon.get("payOrderNo").asString(), 1, Integer::sum);
                }
            }
            balances += shop.balanceOf(userId);
        }
        int succeeded = 0;
        int lost = 0;
        int doubled = 0;
        int leftovers = 0;
        int unearned = 0;
        long paid = 0;
        for (Purchase purchase : purchases) {
            boolean success = "SUCCESS".equals(shop.payOrderStatus(purchase.payOrderId()));
            boolean orderPaid = "PAID".equals(shop.orderStatus(purchase.orderId()));
            int notified = notifications.getOrDefault(purchase.payOrderNo(), 0);
            int awarded = awards.getOrDefault(purchase.payOrderNo(), 0);
            int coupon = coupons.getOrDefault(purchase.payOrderNo(), 0);
            boolean earnsCoupon = withCoupons && success && purchase.amount() >= COUPON_MIN_PAYMENT;
            if (success) {
                succeeded++;
                paid += purchase.amount();
                lost += !orderPaid || notified == 0 || awarded == 0 || (earnsCoupon && coupon == 0) ? 1 : 0;
            } else {
                leftovers += orderPaid || notified > 0 || awarded > 0 ? 1 : 0;
            }
            unearned += !earnsCoupon && coupon > 0 ? 1 : 0;
            doubled += notified > 1 || awarded > 1 || coupon > 1 ? 1 : 0;
        }
        long drift = balances + paid - USERS * START_BALANCE;
        return new Reconciliation(purchases.size(), succeeded, lost, doubled, leftovers, unearned, withCoupons, drift, null);
    }
}
