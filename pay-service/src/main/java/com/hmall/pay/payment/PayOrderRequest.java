package com.hmall.pay.payment;

import com.hmall.common.client.Money;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/** Body of {@code POST /pay-orders}: {@code bizOrderNo} is the trade order id. */
public record PayOrderRequest(
        @NotNull @Positive Long bizOrderNo,
        @NotNull @Positive Long userId,
        @NotNull @Min(1) @Max(Money.MAX_PAYMENT) Long amount) {
}
