package com.hmall.coupon.issue;

import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

import com.hmall.payevents.PaymentNotice;
import com.hmall.payevents.PaymentSucceeded;

import jakarta.validation.Valid;
import lombok.RequiredArgsConstructor;

/**
 * The subscriber: every payment event, from coupon-service's own queue. The messaging starter
 * does the rest (validation, bounded retry, the dead-letter queue, metrics, the chaos knobs), and
 * {@link CouponService} is idempotent per {@code payOrderNo}, so a redelivery issues nothing twice.
 */
@Component
@RequiredArgsConstructor
class PaymentSucceededListener {

    private final CouponService couponService;

    @RabbitListener(queues = CouponMessagingConfiguration.QUEUE)
    void on(@Valid PaymentSucceeded event) {
        couponService.issue(PaymentNotice.of(event));
    }
}
