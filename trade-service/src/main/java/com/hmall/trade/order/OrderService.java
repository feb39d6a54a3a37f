package com.hmall.trade.order;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

import com.baomidou.mybatisplus.core.conditions.update.LambdaUpdateWrapper;
import com.hmall.starter.web.ApiException;

import lombok.RequiredArgsConstructor;

/**
 * Trade orders and their status. Every status change is one guarded {@code UPDATE ... WHERE
 * status = ?}, so of concurrent requests exactly one moves the order and the others see the result.
 */
@Service
@RequiredArgsConstructor
public class OrderService {

    private final OrderMapper orders;
    private final Clock clock;

    public OrderView create(CreateOrderRequest request) {
        Order order = new Order();
        order.setUserId(request.userId());
        order.setAmount(request.amount());
        order.setStatus(OrderStatus.UNPAID);
        order.setCreateTime(now());
        orders.insert(order);
        // Answered as stored, so that it reads exactly like a later GET.
        return OrderView.of(find(order.getId()));
    }

    public OrderView get(long id) {
        return OrderView.of(find(id));
    }

    /** The sync path: pay-service calls this once the balance is deducted. */
    public OrderView markPaid(long orderId) {
        return markPaid(orderId, null, now());
    }

    /**
     * Marks the order paid, whichever path brought the payment. A repeat, from either path, leaves
     * the order as the first one made it.
     */
    public OrderView markPaid(long orderId, @Nullable String payOrderNo, Instant paidAt) {
        return OrderView.of(transition(orderId, OrderStatus.PAID, update -> update
                .set(Order::getPayOrderNo, payOrderNo)
                .set(Order::getPayTime, paidAt)));
    }

    /** Compensation for a sync payment that failed after this order was marked paid. */
    public OrderView markUnpaid(long orderId) {
        return OrderView.of(transition(orderId, OrderStatus.UNPAID, update -> update
                .set(Order::getPayOrderNo, null)
                .set(Order::getPayTime, null)));
    }

    private Order transition(long orderId, OrderStatus target, UnaryOperator<LambdaUpdateWrapper<Order>> changes) {
        Order order = find(orderId);
        OrderStatus current = order.getStatus();
        if (current == target) {
            return order;
        }
        if (!current.canTransitionTo(target)) {
            throw conflict(orderId, current, target);
        }
        int updated = orders.update(changes.apply(new LambdaUpdateWrapper<Order>()
                .set(Order::getStatus, target)
                .eq(Order::getId, orderId)
                .eq(Order::getStatus, current)));
        Order result = find(orderId);
        if (updated == 0 && result.getStatus() != target) {
            // Another request moved the order first, to a state this one cannot accept.
            throw conflict(orderId, result.getStatus(), target);
        }
        return result;
    }

    private Order find(long id) {
        Order order = orders.selectById(id);
        if (order == null) {
            throw ApiException.notFound("Order", id);
        }
        return order;
    }

    private static ApiException conflict(long orderId, OrderStatus current, OrderStatus target) {
        return ApiException.stateConflict("Order " + orderId + " is " + current + " and cannot become " + target);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
