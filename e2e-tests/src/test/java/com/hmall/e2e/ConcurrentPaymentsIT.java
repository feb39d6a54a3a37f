package com.hmall.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import com.hmall.e2e.support.EndToEndTest;
import com.hmall.e2e.support.Services.Reply;

/** No double spend, however many requests arrive at once. */
class ConcurrentPaymentsIT extends EndToEndTest {

    private static final int REQUESTS = 50;

    @Test
    void shouldLetExactlyOneOfFiftyConcurrentPaymentsOfOneOrderSucceed() throws Exception {
        Purchase purchase = newPurchase(100_000, 1_000);

        List<Reply> replies = all(REQUESTS, () -> pay(purchase.payOrderId(), PASSWORD));

        assertThat(replies).filteredOn(reply -> reply.status() == 200).hasSize(1);
        assertThat(replies).filteredOn(reply -> reply.status() != 200)
                .allSatisfy(reply -> assertThat(reply.code()).isIn("ALREADY_PAID", "STATE_CONFLICT"));
        assertThat(balanceOf(purchase.userId())).isEqualTo(99_000);
        eventually().untilAsserted(() -> {
            assertThat(notificationsFor(purchase.userId(), purchase.payOrderNo())).isEqualTo(1);
            assertThat(awardsFor(purchase.userId(), purchase.payOrderNo())).isEqualTo(1);
        });
    }

    @Test
    void shouldLetExactlyAsManyPaymentsSucceedAsTheBalanceCovers() throws Exception {
        long userId = newUser(10 * 1_000);
        List<Purchase> purchases = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            purchases.add(newPurchaseOf(userId, 1_000));
        }

        List<Callable<Reply>> payments = purchases.stream()
                .<Callable<Reply>>map(purchase -> () -> pay(purchase.payOrderId(), PASSWORD))
                .toList();
        List<Reply> replies = all(payments);

        assertThat(replies).filteredOn(reply -> reply.status() == 200).hasSize(10);
        assertThat(replies).filteredOn(reply -> reply.status() != 200)
                .allSatisfy(reply -> assertThat(reply.code()).isEqualTo("INSUFFICIENT_BALANCE"));
        assertThat(balanceOf(userId)).isZero();
    }

    @Test
    void shouldLockPaymentsAfterFiveWrongPasswordsInARow() {
        Purchase purchase = newPurchase(10_000, 1_000);
        for (int attempt = 1; attempt <= 5; attempt++) {
            assertThat(pay(purchase.payOrderId(), "wrong-" + attempt).code()).isEqualTo("WRONG_PASSWORD");
        }

        Reply locked = pay(purchase.payOrderId(), PASSWORD);

        assertThat(locked.status()).isEqualTo(423);
        assertThat(locked.code()).isEqualTo("PAYMENT_LOCKED");
        assertThat(balanceOf(purchase.userId())).isEqualTo(10_000);
        assertThat(payOrderStatus(purchase.payOrderId())).isEqualTo("WAITING");
    }

    @Test
    void shouldResetTheCountOfWrongPasswordsAfterARightOne() {
        long userId = newUser(10_000);
        Purchase first = newPurchaseOf(userId, 1_000);
        for (int attempt = 1; attempt <= 4; attempt++) {
            assertThat(pay(first.payOrderId(), "wrong-" + attempt).code()).isEqualTo("WRONG_PASSWORD");
        }
        assertThat(pay(first.payOrderId(), PASSWORD).status()).isEqualTo(200);

        Purchase second = newPurchaseOf(userId, 1_000);
        assertThat(pay(second.payOrderId(), "wrong-again").code()).isEqualTo("WRONG_PASSWORD");
        assertThat(pay(second.payOrderId(), PASSWORD).status()).isEqualTo(200);
    }

    private static List<Reply> all(int times, Callable<Reply> call) throws Exception {
        List<Callable<Reply>> calls = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            calls.add(call);
        }
        return all(calls);
    }

    private static List<Reply> all(List<Callable<Reply>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            List<Reply> replies = new ArrayList<>();
            for (Future<Reply> reply : pool.invokeAll(calls)) {
                replies.add(reply.get());
            }
            return replies;
        } finally {
            pool.shutdownNow();
        }
    }
}
