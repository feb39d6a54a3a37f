package com.hmall.pay.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.beans.factory.annotation.Autowired;

import com.baomidou.mybatisplus.core.conditions.query.LambdaQueryWrapper;
import com.hmall.payevents.PaymentSucceeded;
import com.hmall.pay.mode.PaymentMode;
import com.hmall.pay.outbox.OutboxEvent;
import com.hmall.pay.outbox.OutboxMapper;
import com.hmall.pay.support.FakeDownstreams;
import com.hmall.pay.support.HttpJson;
import com.hmall.pay.support.HttpJson.Reply;

import tools.jackson.databind.json.JsonMapper;

/** The balance payment in both modes, its failures, compensation and recovery, and applying for pay orders. */
class PaymentIntegrationTests extends PayServiceIntegrationTest {



    @Autowired
    private OutboxMapper outbox;

    @Autowired
    private JsonMapper jsonMapper;

    @Autowired
    private PayOrderMapper payOrders;

    @Autowired
    private StalePaymentRecovery recovery;

    @Autowired
    private ClaimLease lease;

    @Test
    void shouldNumberPayOrdersUniquelyWithoutAThreadThatWakesEveryMillisecond() {
        List<String> numbers = List.of(apply(100), apply(100), apply(100)).stream()
                .map(order -> order.body().get("payOrderNo").asString())
                .toList();

        assertThat(numbers).doesNotHaveDuplicates().allMatch(number -> number.matches("[1-9][0-9]{15,18}"));
        assertThat(numbers).isSorted();
        // MyBatis-Plus's SystemClock, which IdWorker reads, would have started this thread.
        assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName).doesNotContain("System Clock");
    }

    @Test
    void shouldPublishOnePersistentEventPerAsyncPayment() {
        String listener = bindTestQueue();
        try {
            Reply order = apply(5_000);
            Reply paid = pay(order, FakeDownstreams.PASSWORD);

            assertThat(paid.status()).isEqualTo(200);
            assertThat(paid.body().get("status").asString()).isEqualTo("SUCCESS");
            assertThat(paid.body().get("mode").asString()).isEqualTo("async");
            String payOrderNo = order.body().get("payOrderNo").asString();
            Message message = awaitMessageFor(listener, payOrderNo);
            PaymentSucceeded event = jsonMapper.readValue(message.getBody(), PaymentSucceeded.class);
            assertThat(event.payOrderId()).isEqualTo(order.body().get("id").asLong());
            assertThat(event.bizOrderNo()).isEqualTo(order.body().get("bizOrderNo").asLong());
            assertThat(event.amount()).isEqualTo(5_000);
            assertThat(event.paidAt()).isNotNull();
            assertThat(message.getMessageProperties().getMessageId()).isEqualTo(event.eventId());
            assertThat(message.getMessageProperties().getContentType()).isEqualTo("application/json");
            assertThat(message.getMessageProperties().getReceivedDeliveryMode()).isEqualTo(MessageDeliveryMode.PERSISTENT);
            OutboxEvent row = outbox.selectOne(new LambdaQueryWrapper<OutboxEvent>()
                    .eq(OutboxEvent::getEventId, event.eventId()));
            await().atMost(Duration.ofSeconds(10)).until(() -> outbox.selectById(row.getId()).getSentAt() != null);
            assertThat(downstreams.callsFor(payOrderNo)).containsExactly(
                    "PUT /users/" + event.userId() + "/deductions " + payOrderNo);
        } finally {
            unbindTestQueue(listener);
        }
    }

    @Test
    void shouldCountPaymentsByModeAndOutcomeAndShowTheOutboxBacklog() {
        assertThat(pay(apply(100), FakeDownstreams.PASSWORD).status()).isEqualTo(200);
        assertThat(pay(apply(100), "wrong").status()).isEqualTo(422);

        String metrics = new String(http().getRaw("/actuator/prometheus"), StandardCharsets.UTF_8);

        assertThat(metrics).contains("hmall_payments_seconds_count{error=\"none\",mode=\"async\",outcome=\"SUCCESS\"")
                .contains("hmall_payments_seconds_count{error=\"none\",mode=\"async\",outcome=\"WRONG_PASSWORD\"")
                .contains("hmall_payment_step_seconds_count{error=\"none\",service=\"user-service\",step=\"deduct\"")
                .contains("hmall_payments_seconds_bucket{")
                .contains("hmall_outbox_backlog ")
                .contains("hmall_outbox_oldest_age_seconds ");
    }

    @Test
    void shouldDescribeItsApiWithTheProblemAnswersOfEveryOperation() {
        tools.jackson.databind.JsonNode docs = http().get("/v3/api-docs").body();

        assertThat(docs.at("/info/title").asString()).isEqualTo("pay-service");
        tools.jackson.databind.JsonNode pay = docs.at("/paths/~1pay-orders~1{id}~1balance-payments/post/responses");
        assertThat(pay.has("200")).isTrue();
        for (String status : List.of("400", "404", "503")) {
            assertThat(pay.at("/" + status + "/content/application~1problem+json/schema/$ref").asString())
                    .isEqualTo("#/components/schemas/Problem");
        }
        assertThat(docs.at("/components/schemas/Problem/properties/code/enum").toString())
                .contains("DOWNSTREAM_FAILED", "ALREADY_PAID", "VALIDATION_FAILED");
    }

    @Test
    void shouldCallTheFollowUpsOneAfterAnotherInSyncMode() {
        modeSwitch.switchTo(PaymentMode.SYNC);
        Reply order = apply(12_345);
        Reply paid = pay(order, FakeDownstreams.PASSWORD);

        assertThat(paid.status()).isEqualTo(200);
        assertThat(paid.body().get("mode").asString()).isEqualTo("sync");
        long bizOrderNo = order.body().get("bizOrderNo").asLong();
        String payOrderNo = order.body().get("payOrderNo").asString();
        assertThat(callsOf(bizOrderNo, payOrderNo)).containsExactly(
                "PUT /users/" + order.body().get("userId").asLong() + "/deductions " + payOrderNo,
                "PUT /orders/" + bizOrderNo + "/paid",
                "POST /notifications " + payOrderNo,
                "POST /points/awards " + payOrderNo);
        assertThat(read(order).body().get("status").asString()).isEqualTo("SUCCESS");
        assertThat(read(order).body().get("paidAt").isNull()).isFalse();
    }

    @Test
    void shouldFailAndCompensateASyncPaymentWhenNotifyIsDown() {
        modeSwitch.switchTo(PaymentMode.SYNC);
        downstreams.failPathsStartingWith("/notifications");
        Reply order = apply(700);
        long bizOrderNo = order.body().get("bizOrderNo").asLong();
        String payOrderNo = order.body().get("payOrderNo").asString();

        Reply failed = pay(order, FakeDownstreams.PASSWORD);

        assertThat(failed.status()).isEqualTo(502);
        assertThat(failed.body().get("code").asString()).isEqualTo("DOWNSTREAM_FAILED");
        assertThat(failed.body().get("service").asString()).isEqualTo("notify-service");
        assertThat(failed.body().get("detail").asString()).contains("notify-service");
        assertThat(callsOf(bizOrderNo, payOrderNo)).endsWith(
                "POST /notifications " + payOrderNo,
                "PUT /orders/" + bizOrderNo + "/unpaid",
                "PUT /users/" + order.body().get("userId").asLong() + "/refunds " + payOrderNo);
        assertThat(downstreams.isDeducted(payOrderNo)).isFalse();
        assertThat(read(order).body().get("status").asString()).isEqualTo("WAITING");
        assertThat(downstreams.callsFor(payOrderNo)).as("the failed call was made once, not retried")
                .filteredOn(call -> call.startsWith("POST /notifications")).hasSize(1);

        downstreams.heal();
        Reply retried = pay(order, FakeDownstreams.PASSWORD);
        assertThat(retried.status()).isEqualTo(200);
        assertThat(read(order).body().get("status").asString()).isEqualTo("SUCCESS");
    }

    @Test
    void shouldNameUserServiceWhenTheDeductionCannotBeMade() {
        downstreams.failPathsStartingWith("/users");
        Reply order = apply(100);

        Reply failed = pay(order, FakeDownstreams.PASSWORD);

        assertThat(failed.status()).isEqualTo(502);
        assertThat(failed.body().get("service").asString()).isEqualTo("user-service");
        assertThat(read(order).body().get("status").asString()).isEqualTo("WAITING");
    }

    @Test
    void shouldRefundADeductionWhoseAnswerTimedOutSoThatTheOrderCanBePaidAgain() {
        downstreams.slowDownPathsContaining("/deductions", 3_000);
        Reply order = apply(100);
        String payOrderNo = order.body().get("payOrderNo").asString();

        Reply timedOut = pay(order, FakeDownstreams.PASSWORD);

        assertThat(timedOut.status()).isEqualTo(502);
        assertThat(timedOut.body().get("service").asString()).isEqualTo("user-service");
        assertThat(downstreams.isDeducted(payOrderNo)).as("the late deduction was refunded").isFalse();
        downstreams.heal();
        assertThat(pay(order, FakeDownstreams.PASSWORD).status()).isEqualTo(200);
        assertThat(downstreams.isDeducted(payOrderNo)).isTrue();
    }

    @Test
    void shouldKeepAnUnsettledAttemptClaimedUntilTheRecoveryRefundsIt() {
        Reply order = apply(100);
        long id = order.body().get("id").asLong();
        downstreams.failPathsStartingWith("/users");
        assertThat(pay(order, FakeDownstreams.PASSWORD).status()).isEqualTo(502);
        assertThat(payOrders.selectById(id).getClaimToken()).as("claimed while the refund is owed").isNotNull();
        assertThat(pay(order, FakeDownstreams.PASSWORD).body().get("code").asString()).isEqualTo("STATE_CONFLICT");

        downstreams.heal();
        endLease(id);
        recovery.settleExpiredClaims();

        assertThat(payOrders.selectById(id).getClaimToken()).isNull();
        assertThat(downstreams.callsFor(order.body().get("payOrderNo").asString())).last().asString()
                .startsWith("PUT /users/").contains("/refunds");
        assertThat(pay(order, FakeDownstreams.PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void shouldRefundTheDeductionOfAnAttemptThatDiedHalfWay() {
        Reply order = apply(100);
        long id = order.body().get("id").asLong();
        String payOrderNo = order.body().get("payOrderNo").asString();
        // What a pay-service killed right after user-service deducted leaves behind, once its lease has ended.
        claimAsADeadAttempt(id, Instant.now().minusSeconds(1));
        downstreamsDeduct(order);

        recovery.settleExpiredClaims();

        assertThat(downstreams.isDeducted(payOrderNo)).isFalse();
        assertThat(payOrders.selectById(id).getClaimToken()).isNull();
        assertThat(read(order).body().get("status").asString()).isEqualTo("WAITING");
        assertThat(pay(order, FakeDownstreams.PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void shouldLeaveAnAttemptAloneWhileItsLeaseRuns() {
        Reply order = apply(100);
        long id = order.body().get("id").asLong();
        String payOrderNo = order.body().get("payOrderNo").asString();
        claimAsADeadAttempt(id, Instant.now().plusSeconds(60));
        downstreamsDeduct(order);

        recovery.settleExpiredClaims();

        assertThat(downstreams.isDeducted(payOrderNo)).as("a running attempt's deduction stands").isTrue();
        assertThat(payOrders.selectById(id).getClaimToken()).isNotNull();
    }

    /** The bound, with the shipped timeouts: the lease (and so the money) ends well within 30 s. */
    @Test
    void shouldSizeTheLeaseFromTheDeductionsTimeouts() {
        Instant now = Instant.now();
        ClaimLease.Claim claim = lease.start(now);

        // user-service's read timeout is 1500 ms in this test, the connect timeout the shipped 1000 ms.
        assertThat(Duration.between(now, claim.deadline())).isEqualTo(Duration.ofMillis(2_500));
        assertThat(Duration.between(claim.deadline(), claim.until())).isEqualTo(Duration.ofMillis(200));
    }

    /**
     * An attempt that outlived its lease (a long pause after user-service answered) finds the order
     * taken over by the recovery, which gave the deduction back: it must not mark the order paid.
     */
    @Test
    void shouldNotMarkAnOrderPaidByAnAttemptWhoseClaimWasTakenOver() throws Exception {
        Reply order = apply(100);
        long id = order.body().get("id").asLong();
        String payOrderNo = order.body().get("payOrderNo").asString();
        downstreams.slowDownPathsContaining("/deductions", 1_000);
        ExecutorService payer = Executors.newSingleThreadExecutor();
        try {
            Future<Reply> slow = payer.submit(() -> pay(order, FakeDownstreams.PASSWORD));
            await().atMost(Duration.ofSeconds(5)).until(() -> downstreams.isDeducted(payOrderNo));
            endLease(id);
            recovery.settleExpiredClaims();
            assertThat(downstreams.isDeducted(payOrderNo)).as("the recovery gave the deduction back").isFalse();

            Reply answer = slow.get(10, java.util.concurrent.TimeUnit.SECONDS);

            assertThat(answer.status()).as(answer.body().toString()).isEqualTo(409);
            assertThat(answer.body().get("code").asString()).isEqualTo("STATE_CONFLICT");
        } finally {
            payer.shutdownNow();
        }
        assertThat(read(order).body().get("status").asString()).isEqualTo("WAITING");
        assertThat(downstreams.isDeducted(payOrderNo)).isFalse();
    }

    /** Two pay-service instances recover side by side: each dead attempt is settled once. */
    @Test
    void shouldSettleEachExpiredClaimOnceWhenTwoRecoveriesRunAtOnce() throws Exception {
        List<Reply> orders = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Reply order = apply(100);
            claimAsADeadAttempt(order.body().get("id").asLong(), Instant.now().minusSeconds(1));
            downstreamsDeduct(order);
            orders.add(order);
        }
        ExecutorService instances = Executors.newFixedThreadPool(2);
        try {
            List<Future<Object>> runs = instances.invokeAll(java.util.Collections.nCopies(2, () -> {
                recovery.settleExpiredClaims();
                return null;
            }));
            for (Future<Object> run : runs) {
                run.get();
            }
        } finally {
            instances.shutdownNow();
        }
        for (Reply order : orders) {
            String payOrderNo = order.body().get("payOrderNo").asString();
            assertThat(downstreams.isDeducted(payOrderNo)).isFalse();
            assertThat(downstreams.callsFor(payOrderNo)).filteredOn(call -> call.contains("/refunds")).hasSize(1);
            assertThat(payOrders.selectById(order.body().get("id").asLong()).getClaimToken()).isNull();
        }
    }

    @Test
    void shouldPassAWrongPasswordThroughAndLeaveTheOrderPayable() {
        Reply order = apply(100);

        Reply wrong = pay(order, "nope");

        assertThat(wrong.status()).isEqualTo(422);
        assertThat(wrong.body().get("code").asString()).isEqualTo("WRONG_PASSWORD");
        assertThat(read(order).body().get("status").asString()).isEqualTo("WAITING");
        assertThat(pay(order, FakeDownstreams.PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void shouldRefuseToPayTwice() {
        Reply order = apply(100);
        assertThat(pay(order, FakeDownstreams.PASSWORD).status()).isEqualTo(200);

        Reply again = pay(order, FakeDownstreams.PASSWORD);

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body().get("code").asString()).isEqualTo("ALREADY_PAID");
    }

    @Test
    void shouldLetOnlyOneOfManyConcurrentPaymentsSucceed() throws Exception {
        Reply order = apply(100);
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<Future<Reply>> replies = pool.invokeAll(java.util.Collections.nCopies(20,
                    () -> pay(order, FakeDownstreams.PASSWORD)));
            long successes = 0;
            for (Future<Reply> reply : replies) {
                int status = reply.get().status();
                assertThat(status).isIn(200, 409);
                successes += status == 200 ? 1 : 0;
            }
            assertThat(successes).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        String payOrderNo = order.body().get("payOrderNo").asString();
        assertThat(downstreams.callsFor(payOrderNo)).filteredOn(call -> call.contains("/deductions")).hasSize(1);
    }

    @Test
    void shouldReturnTheSamePayOrderWhenApplyingTwice() {
        long bizOrderNo = newTradeOrder(TEST_USER_ID, 300);
        Reply first = http().post("/pay-orders", application(bizOrderNo, TEST_USER_ID, 300));
        Reply second = http().post("/pay-orders", application(bizOrderNo, TEST_USER_ID, 300));

        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.body().get("id").asLong()).isEqualTo(first.body().get("id").asLong());
        assertThat(second.body().get("payOrderNo").asString()).isEqualTo(first.body().get("payOrderNo").asString());
        assertThat(http().get("/pay-orders/biz/" + bizOrderNo).body().get("id").asLong())
                .isEqualTo(first.body().get("id").asLong());

        Reply conflicting = http().post("/pay-orders", application(bizOrderNo, TEST_USER_ID, 301));
        assertThat(conflicting.status()).isEqualTo(422);
        assertThat(conflicting.body().get("code").asString()).isEqualTo("ORDER_MISMATCH");
    }

    /** In either mode: applying for a pay order does not depend on how the payment will run. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(PaymentMode.class)
    void shouldMakeAPayOrderOnlyForTheTradeOrderAsTradeServiceHasIt(PaymentMode mode) {
        modeSwitch.switchTo(mode);
        long bizOrderNo = newTradeOrder(TEST_USER_ID, 5_000);
        long unknown = newBizOrderNo();

        assertRefused(application(bizOrderNo, TEST_USER_ID, 1), 422, "ORDER_MISMATCH");
        assertRefused(application(bizOrderNo, TEST_USER_ID + 1, 5_000), 422, "ORDER_MISMATCH");
        assertRefused(application(unknown, TEST_USER_ID, 5_000), 422, "ORDER_MISMATCH");
        assertThat(http().get("/pay-orders/biz/" + bizOrderNo).status()).as("nothing was made").isEqualTo(404);
        assertThat(http().get("/pay-orders/biz/" + unknown).status()).isEqualTo(404);

        assertThat(http().post("/pay-orders", application(bizOrderNo, TEST_USER_ID, 5_000)).status()).isEqualTo(201);
    }

    @Test
    void shouldRefuseAPayOrderForATradeOrderThatIsNotUnpaid() {
        long paid = newBizOrderNo();
        downstreams.tradeOrder(paid, TEST_USER_ID, 300, "PAID");

        assertRefused(application(paid, TEST_USER_ID, 300), 409, "STATE_CONFLICT");
        assertThat(http().get("/pay-orders/biz/" + paid).status()).isEqualTo(404);
    }

    @Test
    void shouldMakeNoPayOrderWhileTradeServiceCannotBeAsked() {
        long bizOrderNo = newTradeOrder(TEST_USER_ID, 300);
        downstreams.failPathsStartingWith("/orders");

        Reply refused = assertRefused(application(bizOrderNo, TEST_USER_ID, 300), 503, "SERVICE_UNAVAILABLE");

        assertThat(refused.body().get("service").asString()).isEqualTo("trade-service");
        assertThat(http().get("/pay-orders/biz/" + bizOrderNo).status()).isEqualTo(404);
        downstreams.heal();
        assertThat(http().post("/pay-orders", application(bizOrderNo, TEST_USER_ID, 300)).status()).isEqualTo(201);
    }

    private Reply assertRefused(String application, int status, String code) {
        Reply reply = http().post("/pay-orders", application);
        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(status);
        assertThat(reply.body().get("code").asString()).isEqualTo(code);
        return reply;
    }

    @Test
    void shouldAnswerUnknownPayOrdersWithNotFound() {
        assertThat(http().get("/pay-orders/999999999").status()).isEqualTo(404);
        assertThat(http().get("/pay-orders/biz/999999999999").body().get("code").asString()).isEqualTo("NOT_FOUND");
        assertThat(http().post("/pay-orders/999999999/balance-payments", "{\"password\":\"123\"}").body()
                .get("code").asString()).isEqualTo("NOT_FOUND");
    }

    /** Ends the lease of whatever attempt holds the order now. */
    private void endLease(long id) {
        PayOrder order = payOrders.selectById(id);
        order.setClaimedUntil(Instant.now().minusSeconds(1));
        payOrders.updateById(order);
    }

    private void claimAsADeadAttempt(long id, Instant leaseEnd) {
        assertThat(payOrders.claim(id, UUID.randomUUID().toString(), Instant.now(), leaseEnd)).isEqualTo(1);
    }

    /** Deducts through the fake user-service directly, as the dead attempt did. */
    private void downstreamsDeduct(Reply order) {
        new HttpJson(downstreams.baseUrl()).put("/users/" + order.body().get("userId").asLong() + "/deductions",
                "{\"payOrderNo\":\"" + order.body().get("payOrderNo").asString() + "\",\"amount\":100,"
                        + "\"password\":\"" + FakeDownstreams.PASSWORD + "\"}");
        assertThat(downstreams.isDeducted(order.body().get("payOrderNo").asString())).isTrue();
    }

    private List<String> callsOf(long bizOrderNo, String payOrderNo) {
        return downstreams.calls().stream()
                .filter(call -> call.contains(payOrderNo) || call.contains("/orders/" + bizOrderNo + "/"))
                .toList();
    }

}
