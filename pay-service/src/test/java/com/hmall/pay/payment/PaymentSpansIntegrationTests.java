package com.hmall.pay.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.beans.factory.annotation.Autowired;

import com.hmall.pay.mode.PaymentMode;
import com.hmall.pay.support.FakeDownstreams;
import com.hmall.pay.support.HttpJson.Reply;
import com.hmall.pay.support.RecordedSpans;

import brave.Span.Kind;
import brave.handler.MutableSpan;

/**
 * The spans of a payment, as the classroom console reads them to draw its timeline (api.md, "Additions,
 * v2"): one "balance payment" span with the payment's mode, pay order and outcome; below it one span per
 * step, tagged with the step and the service that does it, with the step's Feign call (or published
 * message) below that; all in the trace the client's traceparent names.
 */
class PaymentSpansIntegrationTests extends PayServiceIntegrationTest {

    @Autowired
    private RecordedSpans spans;



    @Test
    void shouldTraceASyncPaymentAsAPaymentSpanWithOneStepSpanPerCallInTurn() {
        modeSwitch.switchTo(PaymentMode.SYNC);
        Reply order = apply(12_345);
        String traceId = newTraceId();

        assertThat(payInTrace(order, traceId, FakeDownstreams.PASSWORD).status()).isEqualTo(200);

        MutableSpan payment = awaitPayment(traceId, order);
        assertThat(payment.tags()).containsEntry("mode", "sync").containsEntry("outcome", "SUCCESS");
        assertThat(payment.error()).isNull();
        List<MutableSpan> steps = awaitSteps(traceId, payment, "deduct", "pay-order", "trade", "notify", "points");
        assertThat(steps).extracting(step -> step.tag("hmall.step.service"))
                .containsExactly("user-service", "pay-service", "trade-service", "notify-service", "points-service");
        assertThat(steps).extracting(MutableSpan::startTimestamp).as("one after another").isSorted();
        for (MutableSpan callingStep : List.of(steps.get(0), steps.get(2), steps.get(3), steps.get(4))) {
            assertThat(clientSpansBelow(traceId, callingStep)).as("the Feign call of " + callingStep.name())
                    .hasSize(1);
        }
        assertThat(clientSpansBelow(traceId, steps.get(1))).as("pay-order calls no one").isEmpty();
    }

    @Test
    void shouldTraceAnAsyncPaymentThroughTheOutboxToTheBrokersConfirm() {
        String listener = bindTestQueue();
        try {
            Reply order = apply(5_000);
            String traceId = newTraceId();

            assertThat(payInTrace(order, traceId, FakeDownstreams.PASSWORD).status()).isEqualTo(200);

            MutableSpan payment = awaitPayment(traceId, order);
            assertThat(payment.tags()).containsEntry("mode", "async").containsEntry("outcome", "SUCCESS");
            List<MutableSpan> steps = awaitSteps(traceId, payment, "deduct", "pay-order", "publish");
            MutableSpan publish = steps.get(2);
            assertThat(publish.tag("hmall.step.service")).isEqualTo("pay-service");
            assertThat(publish.error()).isNull();
            assertThat(spans.ofTrace(traceId)).as("the message sent, below the publish step")
                    .anyMatch(span -> span.kind() == Kind.PRODUCER && publish.id().equals(span.parentId()));
            Message message = awaitMessageFor(listener, order.body().get("payOrderNo").asString());
            assertThat((String) message.getMessageProperties().getHeader("traceparent")).contains(traceId);
        } finally {
            unbindTestQueue(listener);
        }
    }

    @Test
    void shouldContinueTheTraceOfTheTraceparentThePaymentCameWith() {
        Reply order = apply(300);
        String traceId = newTraceId();
        String parentId = newSpanId();

        pay(order, "00-" + traceId + "-" + parentId + "-01", FakeDownstreams.PASSWORD);

        MutableSpan payment = awaitPayment(traceId, order);
        MutableSpan server = await().atMost(Duration.ofSeconds(10)).until(() -> spans.ofTrace(traceId).stream()
                .filter(span -> span.kind() == Kind.SERVER).findFirst().orElse(null), span -> span != null);
        assertThat(server.parentId()).as("the caller's span").isEqualTo(parentId);
        assertThat(spans.isDescendant(payment, server)).isTrue();
        String deduction = "PUT /users/" + TEST_USER_ID + "/deductions " + order.body().get("payOrderNo").asString();
        assertThat(downstreams.traceparents().get(deduction)).as("the traceparent user-service got").contains(traceId);
    }

    @Test
    void shouldMarkOnlyAFailureOfTheSystemAsAnErrorOfThePayment() {
        Reply wrong = apply(300);
        String wrongTrace = newTraceId();
        assertThat(payInTrace(wrong, wrongTrace, "wrong").status()).isEqualTo(422);

        modeSwitch.switchTo(PaymentMode.SYNC);
        downstreams.failPathsStartingWith("/notifications");
        Reply failing = apply(700);
        String failingTrace = newTraceId();
        assertThat(payInTrace(failing, failingTrace, FakeDownstreams.PASSWORD).status()).isEqualTo(502);

        MutableSpan refused = awaitPayment(wrongTrace, wrong);
        assertThat(refused.tags()).containsEntry("outcome", "WRONG_PASSWORD");
        assertThat(refused.error()).as("the payer's mistake, not the system's").isNull();
        MutableSpan failed = awaitPayment(failingTrace, failing);
        assertThat(failed.tags()).containsEntry("outcome", "DOWNSTREAM_FAILED");
        assertThat(failed.error()).isNotNull();
        List<MutableSpan> steps = awaitSteps(failingTrace, failed, "deduct", "pay-order", "trade", "notify",
                "trade-unpaid", "refund");
        assertThat(steps.get(3).error()).as("notify failed").isNotNull();
        assertThat(steps).extracting(step -> step.tag("hmall.step.service")).containsExactly("user-service",
                "pay-service", "trade-service", "notify-service", "trade-service", "user-service");
    }

    private Reply payInTrace(Reply order, String traceId, String password) {
        return pay(order, "00-" + traceId + "-" + newSpanId() + "-01", password);
    }

    private Reply pay(Reply order, String traceparent, String password) {
        return http().post("/pay-orders/" + order.body().get("id").asLong() + "/balance-payments",
                "{\"password\":\"" + password + "\"}", Map.of("traceparent", traceparent));
    }

    /** The payment span of this trace, checked for what every payment span carries. */
    private MutableSpan awaitPayment(String traceId, Reply order) {
        MutableSpan payment = await().atMost(Duration.ofSeconds(10)).until(() -> spans.ofTrace(traceId).stream()
                .filter(span -> "balance payment".equals(span.name())).findFirst().orElse(null), span -> span != null);
        assertThat(payment.localServiceName()).isEqualTo("pay-service");
        assertThat(payment.tags()).containsEntry("pay.order.id", String.valueOf(order.body().get("id").asLong()))
                .containsEntry("pay.order.no", order.body().get("payOrderNo").asString())
                .containsEntry("user.id", String.valueOf(order.body().get("userId").asLong()))
                .containsEntry("amount", String.valueOf(order.body().get("amount").asLong()));
        return payment;
    }

    /** The step spans of this trace, in the order they started, once they are exactly these. */
    private List<MutableSpan> awaitSteps(String traceId, MutableSpan payment, String... names) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(stepsOf(traceId))
                .extracting(MutableSpan::name).containsExactly(names));
        List<MutableSpan> steps = stepsOf(traceId);
        for (MutableSpan step : steps) {
            assertThat(step.tag("hmall.step")).isEqualTo(step.name());
            assertThat(step.localServiceName()).isEqualTo("pay-service");
            assertThat(spans.isDescendant(step, payment)).as(step.name() + " below the payment").isTrue();
        }
        return steps;
    }

    private List<MutableSpan> stepsOf(String traceId) {
        return spans.ofTrace(traceId).stream()
                .filter(span -> span.tag("hmall.step") != null)
                .sorted(Comparator.comparingLong(MutableSpan::startTimestamp))
                .toList();
    }

    private List<MutableSpan> clientSpansBelow(String traceId, MutableSpan step) {
        return spans.ofTrace(traceId).stream()
                .filter(span -> span.kind() == Kind.CLIENT && step.id().equals(span.parentId()))
                .toList();
    }


    private static String newTraceId() {
        return HexFormat.of().formatHex(randomBytes(16));
    }

    private static String newSpanId() {
        return HexFormat.of().formatHex(randomBytes(8));
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        ThreadLocalRandom.current().nextBytes(bytes);
        bytes[0] |= 1;
        return bytes;
    }
}
