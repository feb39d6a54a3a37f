package com.hmall.trade.order;

import com.hmall.common.client.Money;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/** Body of {@code POST /orders}. */
public record CreateOrderRequest(
        @NotNull @Positive Long userId,
        @NotNull @Min(1) @Max(Money.MAX_PAYMENT) Long amount) {
}
