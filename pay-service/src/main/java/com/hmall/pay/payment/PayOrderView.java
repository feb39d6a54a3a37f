package com.hmall.pay.payment;

import java.time.Instant;

import com.hmall.pay.mode.PaymentMode;

public record PayOrderView(
        long id,
        String payOrderNo,
        long bizOrderNo,
        long userId,
        long amount,
        PayStatus status,
        PaymentMode mode,
        Instant paidAt,
        Instant createdAt) {

    static PayOrderView of(PayOrder order) {
        return new PayOrderView(order.getId(), order.getPayOrderNo(), order.getBizOrderNo(), order.getUserId(),
                order.getAmount(), order.getStatus(), order.getPayMode(), order.getPaidAt(), order.getCreatedAt());
    }
}
