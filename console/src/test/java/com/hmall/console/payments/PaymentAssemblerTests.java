package com.hmall.console.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.hmall.console.payments.PaymentTimeline.Lane;

import zipkin2.Span;

class PaymentAssemblerTests {

    private static final List<String> QUEUES = List.of("notify.pay.success.queue", "points.pay.success.queue",
            "trade.pay.success.queue");
    private static final Map<String, String> CONSUMERS = Map.of("trade.pay.success.queue", "trade-service",
            "notify.pay.success.queue", "notify-service", "points.pay.success.queue", "points-service");
    private static final long NOW = TraceBuilder.ORIGIN_MICROS + 5_000_000;

    @Test
    void shouldDrawASyncPaymentWithEachCalledServicesOwnTimes() {
        TraceBuilder trace = new TraceBuilder("a1000000000000000000000000000001");
        Span payment = trace.payment("sync", "SUCCESS", 200);
        trace.feignStep(payment, "deduct", "user-service", 1, 20, 3.0, 15.0, false);
        trace.localStep(payment, "pay-order", 22, 2, false);
        trace.feignStep(payment, "trade", "trade-service", 25, 55, 27.0, 51.0, false);
        trace.feignStep(payment, "notify", "notify-service", 81, 55, 83.0, 50.0, false);
        trace.feignStep(payment, "points", "points-service", 137, 55, 139.0, 52.0, false);

        PaymentTimeline timeline = assemble(trace.spans());

        assertThat(timeline.traceId()).isEqualTo("a1000000000000000000000000000001");
        assertThat(timeline.mode()).isEqualTo("sync");
        assertThat(timeline.status()).isEqualTo("SUCCESS");
        assertThat(timeline.payOrderNo()).isEqualTo("PAY-a10000");
        assertThat(timeline.userId()).isEqualTo(3L);
        assertThat(timeline.amount()).isEqualTo(1000L);
        assertThat(timeline.payOrderId()).isEqualTo(7L);
        assertThat(timeline.answeredMs()).isEqualTo(200.0);
        assertThat(timeline.lanes()).extracting(Lane::service, Lane::step, Lane::startMs, Lane::durationMs, Lane::outcome)
                .containsExactly(
                        tuple("user-service", "deduct", 3.0, 15.0, "ok"),
                        tuple("pay-service", "pay-order", 22.0, 2.0, "ok"),
                        tuple("trade-service", "trade", 27.0, 51.0, "ok"),
                        tuple("notify-service", "notify", 83.0, 50.0, "ok"),
                        tuple("points-service", "points", 139.0, 52.0, "ok"));
    }

    @Test
    void shouldDrawAnAsyncPaymentWithItsThreeConsumers() {
        TraceBuilder trace = asyncPayment("a2000000000000000000000000000002");
        Span publish = trace.spans.get(trace.spans.size() - 1);
        trace.consumer(publish, "trade-service", "trade.pay.success.queue", 12, 4, false);
        trace.consumer(publish, "notify-service", "notify.pay.success.queue", 12.5, 6, false);
        trace.consumer(publish, "points-service", "points.pay.success.queue", 13, 5, false);

        PaymentTimeline timeline = assemble(trace.spans());

        assertThat(timeline.answeredMs()).isEqualTo(11.0);
        assertThat(timeline.lanes()).extracting(Lane::service, Lane::step, Lane::outcome, Lane::queue).containsExactly(
                tuple("user-service", "deduct", "ok", null),
                tuple("pay-service", "pay-order", "ok", null),
                tuple("pay-service", "publish", "ok", null),
                tuple("trade-service", "consume", "ok", "trade.pay.success.queue"),
                tuple("notify-service", "consume", "ok", "notify.pay.success.queue"),
                tuple("points-service", "consume", "ok", "points.pay.success.queue"));
    }

    /** With two instances of a service, each lane says which one took the call or handled the event. */
    @Test
    void shouldNameTheInstanceThatDidEachStep() {
        TraceBuilder trace = new TraceBuilder("a2500000000000000000000000000025");
        Span payment = trace.payment("sync", "SUCCESS", 11);
        trace.feignStep(payment, "deduct", "user-service", 1, 5, 1.5, 4.0, false);
        tagInstance(trace, trace.spans.get(trace.spans.size() - 1), "pc:8181");
        Span payOrder = trace.localStep(payment, "pay-order", 7, 3, false);
        tagInstance(trace, trace.consumer(payOrder, "notify-service", "notify.pay.success.queue", 12, 4, false), "pc:8184");

        PaymentTimeline timeline = assemble(trace.spans());

        assertThat(timeline.lanes()).extracting(Lane::service, Lane::step, Lane::instance).containsExactly(
                tuple("user-service", "deduct", "pc:8181"),
                tuple("pay-service", "pay-order", null),
                tuple("notify-service", "consume", "pc:8184"));
    }

    private static void tagInstance(TraceBuilder trace, Span span, String instance) {
        trace.spans.set(trace.spans.indexOf(span), span.toBuilder().putTag("hmall.instance", instance).build());
    }

    @Test
    void shouldShowAConsumerNobodyToldTheConsoleAboutFromItsFirstSpan() {
        TraceBuilder trace = asyncPayment("a3000000000000000000000000000003");
        Span publish = trace.spans.get(trace.spans.size() - 1);
        trace.consumer(publish, "trade-service", "trade.pay.success.queue", 12, 4, false);
        trace.consumer(publish, "notify-service", "notify.pay.success.queue", 12.5, 6, false);
        trace.consumer(publish, "points-service", "points.pay.success.queue", 13, 5, false);
        trace.consumer(publish, "coupon-service", "coupon.pay.success.queue", 14, 3, false);

        PaymentTimeline timeline = PaymentAssembler.assemble(trace.spans(), QUEUES, CONSUMERS, NOW).orElseThrow();

        assertThat(timeline.lanes()).filteredOn(lane -> lane.service().equals("coupon-service"))
                .extracting(Lane::step, Lane::startMs, Lane::durationMs, Lane::outcome, Lane::queue)
                .containsExactly(tuple("consume", 14.0, 3.0, "ok", "coupon.pay.success.queue"));
        assertThat(timeline.lanes()).noneMatch(lane -> lane.outcome().equals("waiting"));
    }

    @Test
    void shouldShowAWaitingLaneForEachBoundQueueWhoseConsumerHasNotReported() {
        TraceBuilder trace = asyncPayment("a4000000000000000000000000000004");
        Span publish = trace.spans.get(trace.spans.size() - 1);
        trace.consumer(publish, "trade-service", "trade.pay.success.queue", 12, 4, false);
        trace.consumer(publish, "points-service", "points.pay.success.queue", 13, 5, false);
        List<String> bound = List.of("notify.pay.success.queue", "points.pay.success.queue", "trade.pay.success.queue",
                "audit.pay.success.queue", "notify.pay.success.dlq");

        PaymentTimeline timeline = PaymentAssembler.assemble(trace.spans(), bound, CONSUMERS, NOW).orElseThrow();

        // publish: 8 ms from the start, 2.5 ms long; the console's clock is 5 s after the start
        assertThat(timeline.lanes()).filteredOn(lane -> lane.outcome().equals("waiting"))
                .extracting(Lane::service, Lane::step, Lane::startMs, Lane::durationMs, Lane::queue)
                .containsExactlyInAnyOrder(
                        tuple("notify-service", "consume", 10.5, 4989.5, "notify.pay.success.queue"),
                        tuple("audit.pay.success.queue", "consume", 10.5, 4989.5, "audit.pay.success.queue"));
    }

    @Test
    void shouldShowNoWaitingLanesInSyncModeOrWhenThePublishFailed() {
        TraceBuilder sync = new TraceBuilder("a5000000000000000000000000000005");
        Span payment = sync.payment("sync", "SUCCESS", 30);
        sync.feignStep(payment, "deduct", "user-service", 1, 5, 2.0, 3.0, false);
        assertThat(assemble(sync.spans()).lanes()).noneMatch(lane -> lane.outcome().equals("waiting"));

        TraceBuilder async = new TraceBuilder("a6000000000000000000000000000006");
        Span asyncPayment = async.payment("async", "SUCCESS", 30);
        async.localStep(asyncPayment, "publish", 10, 1000, true);
        assertThat(assemble(async.spans()).lanes()).extracting(Lane::step, Lane::outcome)
                .containsExactly(tuple("publish", "failed"));
    }

    @Test
    void shouldDrawAFailedStepWithItsOwnTimesWhenTheCalledServiceSentNothing() {
        TraceBuilder trace = new TraceBuilder("a7000000000000000000000000000007");
        Span payment = trace.payment("sync", "DOWNSTREAM_FAILED", 120);
        trace.feignStep(payment, "deduct", "user-service", 1, 20, 3.0, 15.0, false);
        trace.localStep(payment, "pay-order", 22, 2, false);
        trace.feignStep(payment, "trade", "trade-service", 25, 30, 26.0, 28.0, false);
        trace.feignStep(payment, "notify", "notify-service", 56, 40, null, null, true);
        trace.feignStep(payment, "trade-unpaid", "trade-service", 97, 10, 98.0, 8.0, false);
        trace.feignStep(payment, "refund", "user-service", 108, 10, 109.0, 8.0, false);

        PaymentTimeline timeline = assemble(trace.spans());

        assertThat(timeline.status()).isEqualTo("DOWNSTREAM_FAILED");
        assertThat(timeline.lanes()).extracting(Lane::service, Lane::step, Lane::startMs, Lane::durationMs, Lane::outcome)
                .containsExactly(
                        tuple("user-service", "deduct", 3.0, 15.0, "ok"),
                        tuple("pay-service", "pay-order", 22.0, 2.0, "ok"),
                        tuple("trade-service", "trade", 26.0, 28.0, "ok"),
                        tuple("notify-service", "notify", 56.0, 40.0, "failed"),
                        tuple("trade-service", "trade-unpaid", 98.0, 8.0, "ok"),
                        tuple("user-service", "refund", 109.0, 8.0, "ok"));
    }

    @Test
    void shouldMarkACallFailedWhenTheCalledServiceAnsweredWithAnError() {
        TraceBuilder trace = new TraceBuilder("a8000000000000000000000000000008");
        Span payment = trace.payment("sync", "DOWNSTREAM_FAILED", 60);
        trace.feignStep(payment, "notify", "notify-service", 5, 40, 7.0, 3.0, true);

        assertThat(assemble(trace.spans()).lanes()).extracting(Lane::startMs, Lane::durationMs, Lane::outcome)
                .containsExactly(tuple(7.0, 3.0, "failed"));
    }

    @Test
    void shouldDrawTheLatestDeliveryAndCallItOkWhenAnyDeliverySucceeded() {
        TraceBuilder trace = asyncPayment("a9000000000000000000000000000009");
        Span publish = trace.spans.get(trace.spans.size() - 1);
        trace.consumer(publish, "notify-service", "notify.pay.success.queue", 12, 4, true);
        trace.consumer(publish, "notify-service", "notify.pay.success.queue", 300, 5, false);
        trace.consumer(publish, "points-service", "points.pay.success.queue", 12, 4, true);
        trace.consumer(publish, "points-service", "points.pay.success.queue", 200, 4, true);

        PaymentTimeline timeline = assemble(trace.spans());

        assertThat(timeline.lanes()).filteredOn(lane -> lane.step().equals("consume"))
                .extracting(Lane::service, Lane::startMs, Lane::outcome)
                .containsExactlyInAnyOrder(tuple("notify-service", 300.0, "ok"), tuple("points-service", 200.0, "failed"),
                        tuple("trade-service", 10.5, "waiting"));
    }

    @Test
    void shouldAssembleTheSameTimelineWhateverOrderTheSpansArriveIn() {
        TraceBuilder trace = asyncPayment("aa00000000000000000000000000000a");
        Span publish = trace.spans.get(trace.spans.size() - 1);
        trace.consumer(publish, "trade-service", "trade.pay.success.queue", 12, 4, false);
        trace.consumer(publish, "notify-service", "notify.pay.success.queue", 12.5, 6, false);
        PaymentTimeline inOrder = assemble(trace.spans());

        Random random = new Random(42);
        for (int i = 0; i < 20; i++) {
            List<Span> shuffled = new ArrayList<>(trace.spans());
            Collections.shuffle(shuffled, random);
            assertThat(assemble(shuffled)).isEqualTo(inOrder);
        }
    }

    @Test
    void shouldNotListATraceUntilItsPaymentSpanHasArrived() {
        TraceBuilder trace = asyncPayment("ab00000000000000000000000000000b");
        Span publish = trace.spans.get(trace.spans.size() - 1);
        Span consumer = trace.consumer(publish, "trade-service", "trade.pay.success.queue", 12, 4, false);
        Span payment = trace.spans.get(0);

        assertThat(PaymentAssembler.assemble(List.of(consumer), QUEUES, CONSUMERS, NOW)).isEmpty();
        assertThat(PaymentAssembler.assemble(trace.spans().stream().filter(s -> s != payment).toList(), QUEUES, CONSUMERS,
                NOW)).isEmpty();
        assertThat(PaymentAssembler.assemble(List.of(consumer, payment), QUEUES, CONSUMERS, NOW)).get()
                .satisfies(timeline -> assertThat(timeline.lanes()).extracting(Lane::service)
                        .contains("trade-service"));
    }

    /** deduct, pay-order, publish (8 .. 10.5 ms); answered at 11 ms. The publish span is the last one. */
    private static TraceBuilder asyncPayment(String traceId) {
        TraceBuilder trace = new TraceBuilder(traceId);
        Span payment = trace.payment("async", "SUCCESS", 11);
        trace.feignStep(payment, "deduct", "user-service", 1, 5, 2.0, 3.0, false);
        trace.localStep(payment, "pay-order", 6.5, 1, false);
        trace.localStep(payment, "publish", 8, 2.5, false);
        return trace;
    }

    private static PaymentTimeline assemble(List<Span> spans) {
        return PaymentAssembler.assemble(spans, QUEUES, CONSUMERS, NOW).orElseThrow();
    }
}
