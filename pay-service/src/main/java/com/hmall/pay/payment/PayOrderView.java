package com.hmall.pay.payment;

import java.time.Instant;

import com.hmall.pay.mode.PaymentMode;

import io.swagger.v3.oas.annotations.media.Schema;

public record PayOrderView(
        @Schema(example = "1") long id,
        @Schema(example = "1859103449726812161") String payOrderNo,
        @Schema(description = "The trade order id", example = "1") long bizOrderNo,
        @Schema(example = "1") long userId,
        @Schema(description = "Fen", example = "10000") long amount,
        @Schema(example = "SUCCESS") PayStatus status,
        @Schema(description = "The mode it was paid in; null until paid", example = "async") PaymentMode mode,
        @Schema(description = "Null until paid", example = "2026-11-24T10:41:42.123Z") Instant paidAt,
        @Schema(example = "2026-11-24T10:40:02.456Z") Instant createdAt) {

    static PayOrderView of(PayOrder order) {
        return new PayOrderView(order.getId(), order.getPayOrderNo(), order.getBizOrderNo(), order.getUserId(),
                order.getAmount(), order.getStatus(), order.getPayMode(), order.getPaidAt(), order.getCreatedAt());
    }
}
