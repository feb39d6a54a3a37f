package com.hmall.points.award;

import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

import com.hmall.payevents.PaymentNotice;
import com.hmall.payevents.PaymentSucceeded;

import jakarta.validation.Valid;
import lombok.RequiredArgsConstructor;

/**
 * The async path: the same award as the sync endpoint's, brought by the event. Redeliveries
 * and duplicates are harmless because {@link PointsService} is idempotent per {@code payOrderNo}.
 */
@Component
@RequiredArgsConstructor
class PaymentSucceededListener {

    private final PointsService pointsService;

    @RabbitListener(queues = PointsMessagingConfiguration.QUEUE)
    void on(@Valid PaymentSucceeded event) {
        pointsService.award(PaymentNotice.of(event));
    }
}
