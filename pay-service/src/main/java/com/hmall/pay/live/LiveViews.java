package com.hmall.pay.live;

import java.util.List;

/** What {@code GET /live/state} answers: the whole picture the live page draws. */
final class LiveViews {

    private LiveViews() {
    }

    record LiveState(long now, String mode, List<ServiceView> services, BrokerView broker,
            List<QueueView> queues, List<PaymentView> payments) {
    }

    /** state: UP, OUTAGE (the chaos knob) or DOWN (not answering); knobs null where unknown. */
    record ServiceView(String name, String state, Long latencyMs, Boolean outage) {
    }

    record BrokerView(boolean up) {
    }

    /** messages and consumers are null while the broker cannot be asked. */
    record QueueView(String name, Long messages, Integer consumers, boolean deadLetter) {
    }

    /** Times are epoch milliseconds; answeredAt and outcome are null while the payment runs. */
    record PaymentView(long payOrderId, String payOrderNo, Long userId, Long amount, String mode,
            long startedAt, Long answeredAt, String outcome, String detail, List<StepView> steps) {
    }

    /** state: running, ok, failed, or waiting (an async consumer's effect not seen yet). */
    record StepView(String name, String service, long startedAt, Long endedAt, String state, String detail) {
    }
}
