package com.hmall.pay.steps;

/**
 * The steps a balance payment is made of, each named after what it does and the service that does
 * it. Each is a span of the payment's trace (tags {@code hmall.step}, {@code hmall.step.service}),
 * which the classroom console draws as one lane, and a sample of the {@code hmall.payment.step} timer.
 */
public enum PaymentStep {

    DEDUCT("deduct", "user-service"),
    PAY_ORDER("pay-order", "pay-service"),
    /** Sync mode: the three follow-up calls, one after another. */
    TRADE("trade", "trade-service"),
    NOTIFY("notify", "notify-service"),
    POINTS("points", "points-service"),
    /**
     * Async mode: pay-service's outbox relay hands the event to the broker; ends at the broker's
     * confirm. Done by pay-service: whoever consumes the event is none of its business.
     */
    PUBLISH("publish", "pay-service"),
    /** Compensation after a failed sync follow-up or an unknown deduction outcome. */
    TRADE_UNPAID("trade-unpaid", "trade-service"),
    REFUND("refund", "user-service");

    private final String wireName;
    private final String service;

    PaymentStep(String wireName, String service) {
        this.wireName = wireName;
        this.service = service;
    }

    public String wireName() {
        return wireName;
    }

    public String service() {
        return service;
    }
}
