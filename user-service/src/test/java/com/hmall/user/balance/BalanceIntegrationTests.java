package com.hmall.user.balance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.transaction.support.TransactionTemplate;

import com.baomidou.mybatisplus.core.conditions.query.LambdaQueryWrapper;
import com.hmall.starter.web.ApiException;
import com.hmall.starter.web.ErrorCode;
import com.hmall.testing.Concurrently;
import com.hmall.user.UserServiceIntegrationTest;
import com.hmall.user.account.CreateUserRequest;
import com.hmall.user.account.UserMapper;
import com.hmall.user.account.UserService;

@UserServiceIntegrationTest
class BalanceIntegrationTests {

    private static final String PASSWORD = "123";
    private static final String WRONG_PASSWORD = "321";

    @Autowired
    private MockMvc mvc;

    @Autowired
    private BalanceService balanceService;

    @Autowired
    private UserService userService;

    @Autowired
    private UserMapper users;

    @Autowired
    private DeductionMapper deductions;

    @Autowired
    private TransactionTemplate transactions;

    @Test
    void shouldDeductOnceAndAnswerARepeatWithoutDeductingAgain() throws Exception {
        long userId = newUser(1_000);
        String payOrderNo = uniquePayOrderNo();

        deduct(userId, payOrderNo, 300, PASSWORD)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.userId").value(userId))
                .andExpect(jsonPath("$.balance").value(700));
        deduct(userId, payOrderNo, 300, PASSWORD)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.balance").value(700));

        assertThat(balanceOf(userId)).isEqualTo(700);
        assertThat(deductionsFor(payOrderNo)).singleElement()
                .satisfies(d -> assertThat(d.getStatus()).isEqualTo(DeductionStatus.APPLIED));
    }

    @Test
    void shouldRefuseTheSamePayOrderForADifferentAmountOrUser() throws Exception {
        long userId = newUser(1_000);
        long otherUserId = newUser(1_000);
        String payOrderNo = uniquePayOrderNo();
        deduct(userId, payOrderNo, 300, PASSWORD).andExpect(status().isOk());

        deduct(userId, payOrderNo, 301, PASSWORD)
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("STATE_CONFLICT"));
        deduct(otherUserId, payOrderNo, 300, PASSWORD)
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("STATE_CONFLICT"));

        assertThat(balanceOf(userId)).isEqualTo(700);
        assertThat(balanceOf(otherUserId)).isEqualTo(1_000);
    }

    @Test
    void shouldAnswerADeductionForAnUnknownUserAsNotFound() throws Exception {
        deduct(Long.MAX_VALUE, uniquePayOrderNo(), 1, PASSWORD)
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("NOT_FOUND"));
    }

    @Test
    void shouldChangeNothingWhenTheBalanceIsTooLow() throws Exception {
        long userId = newUser(100);
        String payOrderNo = uniquePayOrderNo();

        deduct(userId, payOrderNo, 101, PASSWORD)
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("INSUFFICIENT_BALANCE"));

        assertThat(balanceOf(userId)).isEqualTo(100);
        assertThat(deductionsFor(payOrderNo)).isEmpty();
        // Nothing of the failed attempt is left behind to block a payment that fits.
        deduct(userId, payOrderNo, 100, PASSWORD)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.balance").value(0));
    }

    @Test
    void shouldRefundADeductionOnce() throws Exception {
        long userId = newUser(1_000);
        String payOrderNo = uniquePayOrderNo();
        deduct(userId, payOrderNo, 300, PASSWORD).andExpect(status().isOk());

        refund(userId, payOrderNo, 300)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.userId").value(userId))
                .andExpect(jsonPath("$.balance").value(1_000));
        refund(userId, payOrderNo, 300)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.balance").value(1_000));

        assertThat(balanceOf(userId)).isEqualTo(1_000);
        assertThat(deductionsFor(payOrderNo)).singleElement()
                .satisfies(d -> assertThat(d.getStatus()).isEqualTo(DeductionStatus.REFUNDED));
    }

    @Test
    void shouldRefuseToRefundMoreThanWasDeducted() throws Exception {
        long userId = newUser(1_000);
        String payOrderNo = uniquePayOrderNo();
        deduct(userId, payOrderNo, 300, PASSWORD).andExpect(status().isOk());

        refund(userId, payOrderNo, 301)
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("STATE_CONFLICT"));

        assertThat(balanceOf(userId)).isEqualTo(700);
    }

    @Test
    void shouldAnswerARefundWithoutADeductionAsNotFound() throws Exception {
        long userId = newUser(1_000);
        long otherUserId = newUser(1_000);
        String payOrderNo = uniquePayOrderNo();
        deduct(userId, payOrderNo, 300, PASSWORD).andExpect(status().isOk());

        refund(userId, uniquePayOrderNo(), 300)
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("NOT_FOUND"));
        refund(otherUserId, payOrderNo, 300)
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("NOT_FOUND"));

        assertThat(balanceOf(otherUserId)).isEqualTo(1_000);
    }

    @Test
    void shouldApplyARefundedDeductionAgainWhenThePayOrderIsPaidAgain() throws Exception {
        long userId = newUser(1_000);
        String payOrderNo = uniquePayOrderNo();
        deduct(userId, payOrderNo, 300, PASSWORD).andExpect(status().isOk());
        refund(userId, payOrderNo, 300).andExpect(status().isOk());

        deduct(userId, payOrderNo, 300, PASSWORD)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.balance").value(700));
        deduct(userId, payOrderNo, 300, PASSWORD)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.balance").value(700));

        assertThat(deductionsFor(payOrderNo)).singleElement()
                .satisfies(d -> assertThat(d.getStatus()).isEqualTo(DeductionStatus.APPLIED));
    }

    @Test
    void shouldKeepARefundedDeductionRefundedWhenTheBalanceNoLongerCoversIt() throws Exception {
        long userId = newUser(300);
        String payOrderNo = uniquePayOrderNo();
        deduct(userId, payOrderNo, 300, PASSWORD).andExpect(status().isOk());
        refund(userId, payOrderNo, 300).andExpect(status().isOk());
        deduct(userId, uniquePayOrderNo(), 1, PASSWORD).andExpect(status().isOk());

        deduct(userId, payOrderNo, 300, PASSWORD)
                .andExpect(jsonPath("$.code").value("INSUFFICIENT_BALANCE"));

        assertThat(balanceOf(userId)).isEqualTo(299);
        assertThat(deductionsFor(payOrderNo)).singleElement()
                .satisfies(d -> assertThat(d.getStatus()).isEqualTo(DeductionStatus.REFUNDED));
    }

    @Test
    void shouldCountAWrongPasswordThoughTheRequestFails() throws Exception {
        long userId = newUser(1_000);

        deduct(userId, uniquePayOrderNo(), 100, WRONG_PASSWORD)
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("WRONG_PASSWORD"));

        assertThat(users.selectById(userId).getPayFailures()).isEqualTo(1);
        assertThat(balanceOf(userId)).isEqualTo(1_000);
    }

    @Test
    void shouldLockPaymentsAfterFiveWrongPasswordsUntilTheCoolDownHasPassed() throws Exception {
        long userId = newUser(1_000);
        for (int attempt = 0; attempt < 5; attempt++) {
            deduct(userId, uniquePayOrderNo(), 100, WRONG_PASSWORD)
                    .andExpect(jsonPath("$.code").value("WRONG_PASSWORD"));
        }

        deduct(userId, uniquePayOrderNo(), 100, PASSWORD)
                .andExpect(status().isLocked())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("PAYMENT_LOCKED"));
        assertThat(balanceOf(userId)).isEqualTo(1_000);

        String payOrderNo = uniquePayOrderNo();
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                deduct(userId, payOrderNo, 100, PASSWORD).andExpect(status().isOk()));
        assertThat(balanceOf(userId)).isEqualTo(900);
    }

    @Test
    void shouldStartCountingAfreshAfterTheRightPassword() throws Exception {
        long userId = newUser(1_000);
        for (int attempt = 0; attempt < 4; attempt++) {
            deduct(userId, uniquePayOrderNo(), 100, WRONG_PASSWORD)
                    .andExpect(jsonPath("$.code").value("WRONG_PASSWORD"));
        }
        deduct(userId, uniquePayOrderNo(), 100, PASSWORD).andExpect(status().isOk());

        for (int attempt = 0; attempt < 4; attempt++) {
            deduct(userId, uniquePayOrderNo(), 100, WRONG_PASSWORD)
                    .andExpect(jsonPath("$.code").value("WRONG_PASSWORD"));
        }
        deduct(userId, uniquePayOrderNo(), 100, PASSWORD).andExpect(status().isOk());

        assertThat(balanceOf(userId)).isEqualTo(800);
    }

    @Test
    void shouldLetExactlyAsManyConcurrentPaymentsSucceedAsTheBalanceCovers() throws Exception {
        long userId = newUser(500);

        List<String> outcomes = concurrently(20, i ->
                balanceService.deduct(userId, new DeductionRequest(uniquePayOrderNo(), 100L, PASSWORD)));

        assertThat(outcomes).filteredOn("OK"::equals).hasSize(5);
        assertThat(outcomes).filteredOn(ErrorCode.INSUFFICIENT_BALANCE.name()::equals).hasSize(15);
        assertThat(balanceOf(userId)).isZero();
        assertThat(deductions.selectCount(new LambdaQueryWrapper<Deduction>().eq(Deduction::getUserId, userId)))
                .isEqualTo(5);
    }

    @Test
    void shouldDeductOnceForConcurrentRequestsOfOnePayOrder() throws Exception {
        long userId = newUser(1_000);
        String payOrderNo = uniquePayOrderNo();

        List<String> outcomes = concurrently(20, i ->
                balanceService.deduct(userId, new DeductionRequest(payOrderNo, 100L, PASSWORD)));

        assertThat(outcomes).containsOnly("OK");
        assertThat(balanceOf(userId)).isEqualTo(900);
        assertThat(deductionsFor(payOrderNo)).hasSize(1);
    }

    @Test
    void shouldRefuseEveryConcurrentRequestOfOnePayOrderTheBalanceDoesNotCover() throws Exception {
        long userId = newUser(50);
        String payOrderNo = uniquePayOrderNo();

        List<String> outcomes = concurrently(20, i ->
                balanceService.deduct(userId, new DeductionRequest(payOrderNo, 100L, PASSWORD)));

        assertThat(outcomes).containsOnly(ErrorCode.INSUFFICIENT_BALANCE.name());
        assertThat(balanceOf(userId)).isEqualTo(50);
        assertThat(deductionsFor(payOrderNo)).isEmpty();
    }

    @Test
    void shouldRefundOnceForConcurrentRefundsOfOnePayOrder() throws Exception {
        long userId = newUser(1_000);
        String payOrderNo = uniquePayOrderNo();
        balanceService.deduct(userId, new DeductionRequest(payOrderNo, 300L, PASSWORD));

        List<String> outcomes = concurrently(10, i ->
                balanceService.refund(userId, new RefundRequest(payOrderNo, 300L)));

        assertThat(outcomes).containsOnly("OK");
        assertThat(balanceOf(userId)).isEqualTo(1_000);
    }

    /** Identifiers compare byte for byte: 'X ' is not a repeat of 'X', nor 'x' of 'X'. */
    @Test
    void shouldTellPayOrderNumbersApartThatDifferOnlyInCaseOrATrailingSpace() throws Exception {
        long userId = newUser(1_000);
        String payOrderNo = "Pay-" + uniquePayOrderNo();

        for (String variant : List.of(payOrderNo, payOrderNo + " ", payOrderNo.toLowerCase())) {
            deduct(userId, variant, 100, PASSWORD).andExpect(status().isOk());
            assertThat(deductionsFor(variant)).as(variant).singleElement()
                    .satisfies(d -> assertThat(d.getPayOrderNo()).isEqualTo(variant));
        }

        assertThat(balanceOf(userId)).isEqualTo(700);
    }

    @Test
    void shouldDeductNothingForARequestPastItsDeadline() throws Exception {
        long userId = newUser(1_000);
        String payOrderNo = uniquePayOrderNo();

        deduct(userId, payOrderNo, 300, PASSWORD, Instant.now().minusSeconds(1))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("STATE_CONFLICT"));

        assertThat(balanceOf(userId)).isEqualTo(1_000);
        assertThat(deductionsFor(payOrderNo)).isEmpty();
        deduct(userId, payOrderNo, 300, PASSWORD, Instant.now().plusSeconds(30)).andExpect(status().isOk());
        assertThat(balanceOf(userId)).isEqualTo(700);
    }

    /**
     * The case the deadline exists for: a deduction that waited behind the user's row lock longer
     * than its caller waited for the answer must not happen once the lock is free.
     */
    @Test
    void shouldDeductNothingWhenTheDeadlinePassesWhileWaitingForTheUsersLock() throws Exception {
        long userId = newUser(1_000);
        String payOrderNo = uniquePayOrderNo();
        Instant deadline = Instant.now().plusMillis(500);
        CountDownLatch locked = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> holder = pool.submit(() -> transactions.executeWithoutResult(tx -> {
                users.lockForUpdate(userId);
                locked.countDown();
                await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(deadline.plusMillis(200)));
            }));
            assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();
            Future<String> outcome = pool.submit(() -> {
                try {
                    balanceService.deduct(userId, new DeductionRequest(payOrderNo, 300L, PASSWORD, deadline));
                    return "OK";
                } catch (ApiException e) {
                    return e.getCode().name();
                }
            });
            holder.get(20, TimeUnit.SECONDS);

            assertThat(outcome.get(20, TimeUnit.SECONDS)).isEqualTo("STATE_CONFLICT");
        } finally {
            pool.shutdownNow();
        }
        assertThat(balanceOf(userId)).isEqualTo(1_000);
        assertThat(deductionsFor(payOrderNo)).isEmpty();
    }

    /** Starts all tasks at once and reports each outcome: "OK" or the error code. */
    private static List<String> concurrently(int tasks, IntConsumer task) throws Exception {
        return Concurrently.call(tasks, i -> {
            try {
                task.accept(i);
                return "OK";
            } catch (ApiException e) {
                return e.getCode().name();
            }
        });
    }

    private long newUser(long balance) {
        return userService.create(new CreateUserRequest(uniqueUsername(), PASSWORD, balance)).id();
    }

    private long balanceOf(long userId) {
        return users.selectById(userId).getBalance();
    }

    private List<Deduction> deductionsFor(String payOrderNo) {
        return deductions.selectList(new LambdaQueryWrapper<Deduction>().eq(Deduction::getPayOrderNo, payOrderNo));
    }

    private ResultActions deduct(long userId, String payOrderNo, long amount, String password) throws Exception {
        return mvc.perform(put("/users/{id}/deductions", userId).contentType(MediaType.APPLICATION_JSON)
                .content("""
                        {"payOrderNo": "%s", "amount": %d, "password": "%s"}""".formatted(payOrderNo, amount, password)));
    }

    private ResultActions deduct(long userId, String payOrderNo, long amount, String password, Instant deadline)
            throws Exception {
        return mvc.perform(put("/users/{id}/deductions", userId).contentType(MediaType.APPLICATION_JSON)
                .content("""
                        {"payOrderNo": "%s", "amount": %d, "password": "%s", "deadline": "%s"}"""
                        .formatted(payOrderNo, amount, password, deadline)));
    }

    private ResultActions refund(long userId, String payOrderNo, long amount) throws Exception {
        return mvc.perform(put("/users/{id}/refunds", userId).contentType(MediaType.APPLICATION_JSON)
                .content("""
                        {"payOrderNo": "%s", "amount": %d}""".formatted(payOrderNo, amount)));
    }

    private static String uniqueUsername() {
        return "u_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }

    private static String uniquePayOrderNo() {
        return "test-" + UUID.randomUUID();
    }
}
