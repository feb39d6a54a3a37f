package com.hmall.pay.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.hmall.pay.live.LiveViews.PaymentView;
import com.hmall.pay.live.LiveViews.StepView;
import com.hmall.pay.live.PaymentTimelines.PendingEffects;
import com.hmall.pay.steps.PaymentObservations.PaymentFacts;
import com.hmall.pay.steps.PaymentStep;

class PaymentTimelinesTests {

    private static final PaymentFacts FACTS = new PaymentFacts("P-1", 11, 7, 1000);

    private final PaymentTimelines timelines = new PaymentTimelines();

    @Test
    void shouldDrawASyncPaymentAsItsStepsInOrder() {
        timelines.started(1, "sync", 100);
        timelines.claimed(1, FACTS);
        step(PaymentStep.DEDUCT, 101, 120, null);
        step(PaymentStep.PAY_ORDER, 121, 125, null);
        step(PaymentStep.TRADE, 126, 180, null);
        step(PaymentStep.NOTIFY, 181, 190, "HTTP 503 SERVICE_UNAVAILABLE");
        timelines.answered(1, "DOWNSTREAM_FAILED", "notify-service answered 503", 200);

        PaymentView payment = timelines.latestView(1).orElseThrow();

        assertThat(payment.payOrderNo()).isEqualTo("P-1");
        assertThat(payment.outcome()).isEqualTo("DOWNSTREAM_FAILED");
        assertThat(payment.answeredAt()).isEqualTo(200);
        assertThat(payment.steps()).extracting(StepView::name).containsExactly("deduct", "pay-order", "trade", "notify");
        assertThat(payment.steps()).extracting(StepView::state).containsExactly("ok", "ok", "ok", "failed");
        assertThat(payment.steps().get(3).detail()).isEqualTo("HTTP 503 SERVICE_UNAVAILABLE");
        assertThat(timelines.pendingEffects()).isEmpty();
    }

    @Test
    void shouldWaitForEachConsumersEffectOnceTheEventIsPublished() {
        timelines.started(1, "async", 100);
        timelines.claimed(1, FACTS);
        step(PaymentStep.DEDUCT, 101, 110, null);
        step(PaymentStep.PAY_ORDER, 111, 115, null);
        timelines.answered(1, "SUCCESS", null, 116);
        step(PaymentStep.PUBLISH, 117, 130, null);

        List<PendingEffects> pending = timelines.pendingEffects();
        assertThat(pending).singleElement().satisfies(p -> assertThat(p.missing())
                .containsExactly(PaymentStep.TRADE, PaymentStep.NOTIFY, PaymentStep.POINTS));

        timelines.effectSeen(1, PaymentStep.TRADE, 150);
        timelines.effectWaiting(1, PaymentStep.NOTIFY, "notify-service in outage");
        timelines.effectSeen(1, PaymentStep.POINTS, 160);

        List<StepView> effects = timelines.latestView(1).orElseThrow().steps().subList(3, 6);
        assertThat(effects).extracting(StepView::name).containsExactly("trade", "notify", "points");
        assertThat(effects).extracting(StepView::state).containsExactly("ok", "waiting", "ok");
        assertThat(effects).extracting(StepView::startedAt).containsOnly(130L);
        assertThat(effects.get(0).endedAt()).isEqualTo(150);
        assertThat(effects.get(1).detail()).isEqualTo("notify-service in outage");
        assertThat(timelines.pendingEffects()).singleElement()
                .satisfies(p -> assertThat(p.missing()).containsExactly(PaymentStep.NOTIFY));
    }

    @Test
    void shouldNotWaitForEffectsOfAnEventTheBrokerDidNotTake() {
        timelines.started(1, "async", 100);
        timelines.claimed(1, FACTS);
        step(PaymentStep.PUBLISH, 117, 130, "nacked by the broker");

        assertThat(timelines.pendingEffects()).isEmpty();
        assertThat(timelines.latestView(1).orElseThrow().steps()).extracting(StepView::state).containsExactly("failed");
    }

    @Test
    void shouldKeepOnlyTheLatestPaymentsNewestFirst() {
        for (long id = 1; id <= PaymentTimelines.KEPT + 5; id++) {
            timelines.started(id, "async", id);
        }

        List<PaymentView> shown = timelines.snapshot();

        assertThat(shown).hasSize(PaymentTimelines.KEPT);
        assertThat(shown.get(0).payOrderId()).isEqualTo(PaymentTimelines.KEPT + 5);
        assertThat(timelines.latestView(1)).isEmpty();
    }

    @Test
    void shouldShowARetriedPayOrderAsANewAttempt() {
        timelines.started(1, "sync", 100);
        timelines.answered(1, "DOWNSTREAM_FAILED", "notify down", 150);
        timelines.started(1, "sync", 200);
        timelines.answered(1, "SUCCESS", null, 260);

        assertThat(timelines.snapshot()).extracting(PaymentView::outcome).containsExactly("SUCCESS", "DOWNSTREAM_FAILED");
    }

    private void step(PaymentStep step, long start, long end, String failure) {
        timelines.stepStarted(1, step, start);
        timelines.stepEnded(1, step, failure, end);
    }
}
