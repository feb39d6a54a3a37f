package com.hmall.common.client;

import com.hmall.common.event.PaymentSucceeded;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * What the sync path tells notify-service ({@code POST /notifications}) and points-service
 * ({@code POST /points/awards}) about a payment: the same facts the event carries.
 */
public record PaymentNotice(
        @NotNull @Positive Long userId,
        @NotNull @Positive Long bizOrderNo,
        @NotBlank @Size(max = 64) String payOrderNo,
        @NotNull @Min(1) @Max(Money.MAX_PAYMENT) Long amount) {

    /** The same facts, brought by the event instead of the sync call. */
    public static PaymentNotice of(PaymentSucceeded event) {
        return new PaymentNotice(event.userId(), event.bizOrderNo(), event.payOrderNo(), event.amount());
    }
}
