package com.hmall.pay.payment;

import com.hmall.pay.mode.PaymentMode;

import io.swagger.v3.oas.annotations.media.Schema;

/** Answer of a successful balance payment, with the mode it ran in. */
public record BalancePaymentResult(
        @Schema(example = "1") long id,
        @Schema(example = "1859103449726812161") String payOrderNo,
        @Schema(example = "SUCCESS") PayStatus status,
        @Schema(description = "The mode this payment ran in", example = "async") PaymentMode mode) {
}
