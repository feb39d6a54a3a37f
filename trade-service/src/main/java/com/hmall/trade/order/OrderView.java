package com.hmall.trade.order;

import java.time.Instant;

/** A trade order as the API shows it; {@code payOrderNo} and {@code payTime} are null until paid. */
public record OrderView(
        long id,
        long userId,
        long amount,
        OrderStatus status,
        String payOrderNo,
        Instant createTime,
        Instant payTime) {

    static OrderView of(Order order) {
        return new OrderView(order.getId(), order.getUserId(), order.getAmount(), order.getStatus(),
                order.getPayOrderNo(), order.getCreateTime(), order.getPayTime());
    }
}
