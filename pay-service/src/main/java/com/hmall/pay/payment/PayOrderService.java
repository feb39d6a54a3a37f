package com.hmall.pay.payment;

import java.time.Instant;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

import com.baomidou.mybatisplus.core.conditions.query.LambdaQueryWrapper;
import com.hmall.starter.web.ApiException;
import com.hmall.starter.web.ErrorCode;

import lombok.RequiredArgsConstructor;

/** Applying for and reading pay orders. Paying them is {@link PaymentService}'s job. */
@Service
@RequiredArgsConstructor
public class PayOrderService {

    private final PayOrderMapper payOrders;
    private final TradeOrders tradeOrders;
    private final PayOrderNumbers numbers;

    /**
     * One pay order per trade order, made only for the order as trade-service has it: applying
     * again returns the first one.
     */
    public Applied apply(PayOrderRequest request) {
        PayOrder existing = findByBizOrderNo(request.bizOrderNo());
        if (existing != null) {
            return new Applied(sameOrMismatch(existing, request), false);
        }
        tradeOrders.requirePayable(request);
        PayOrder order = new PayOrder();
        order.setPayOrderNo(numbers.next());
        order.setBizOrderNo(request.bizOrderNo());
        order.setUserId(request.userId());
        order.setAmount(request.amount());
        order.setStatus(PayStatus.WAITING);
        Instant now = Instant.now();
        order.setCreatedAt(now);
        order.setUpdatedAt(now);
        try {
            payOrders.insert(order);
            return new Applied(PayOrderView.of(order), true);
        } catch (DuplicateKeyException concurrentApply) {
            return new Applied(sameOrMismatch(findByBizOrderNo(request.bizOrderNo()), request), false);
        }
    }

    public PayOrderView get(long id) {
        return PayOrderView.of(load(id));
    }

    public PayOrderView getByBizOrderNo(long bizOrderNo) {
        PayOrder order = findByBizOrderNo(bizOrderNo);
        if (order == null) {
            throw ApiException.notFound("pay order for trade order", bizOrderNo);
        }
        return PayOrderView.of(order);
    }

    PayOrder load(long id) {
        PayOrder order = payOrders.selectById(id);
        if (order == null) {
            throw ApiException.notFound("pay order", id);
        }
        return order;
    }

    private PayOrder findByBizOrderNo(long bizOrderNo) {
        return payOrders.selectOne(new LambdaQueryWrapper<PayOrder>().eq(PayOrder::getBizOrderNo, bizOrderNo));
    }

    private static PayOrderView sameOrMismatch(PayOrder existing, PayOrderRequest request) {
        if (!existing.getUserId().equals(request.userId()) || !existing.getAmount().equals(request.amount())) {
            throw new ApiException(ErrorCode.ORDER_MISMATCH, "Trade order " + request.bizOrderNo()
                    + " already has a pay order with another user or amount");
        }
        return PayOrderView.of(existing);
    }

    public record Applied(PayOrderView payOrder, boolean created) {
    }
}
