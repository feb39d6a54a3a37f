package com.hmall.pay.mode;

import com.fasterxml.jackson.annotation.JsonValue;

/** How a payment tells trade-, notify- and points-service that it succeeded. */
public enum PaymentMode {

    /** One OpenFeign call after another; any failure fails (and compensates) the payment. */
    SYNC,

    /** One {@code PaymentSucceeded} event through the outbox; consumers work on their own time. */
    ASYNC;

    @JsonValue
    public String wireName() {
        return name().toLowerCase();
    }

    public static PaymentMode fromWireName(String value) {
        return valueOf(value.toUpperCase());
    }
}
