package com.hmall.trade.order;

import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;

/** A trade order as the API shows it; {@code payOrderNo} and {@code payTime} are null until paid. */
public record OrderView(
        @Schema(example = "1") long id,
        @Schema(example = "1") long userId,
        @Schema(description = "Fen", example = "10000") long amount,
        @Schema(example = "PAID") OrderStatus status,
        @Schema(description = "Set when the PaymentSucceeded event marked it paid; null before and on the sync path",
                example = "1859103449726812161") String payOrderNo,
        @Schema(example = "2026-11-24T10:40:02.456Z") Instant createTime,
        @Schema(description = "Null until paid", example = "2026-11-24T10:41:42.123Z") Instant payTime) {

    static OrderView of(Order order) {
        return new OrderView(order.getId(), order.getUserId(), order.getAmount(), order.getStatus(),
                order.getPayOrderNo(), order.getCreateTime(), order.getPayTime());
    }
}
