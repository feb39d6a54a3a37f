package com.hmall.pay.payment;

import com.hmall.payevents.Money;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/** Body of {@code POST /pay-orders}: {@code bizOrderNo} is the trade order id. */
public record PayOrderRequest(
        @Schema(description = "The trade order id", example = "1") @NotNull @Positive Long bizOrderNo,
        @Schema(example = "1") @NotNull @Positive Long userId,
        @Schema(description = "Fen", example = "10000") @NotNull @Min(1) @Max(Money.MAX_PAYMENT) Long amount) {
}
