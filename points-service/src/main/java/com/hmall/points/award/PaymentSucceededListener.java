package com.hmall.points.award;

import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

import com.hmall.common.chaos.ChaosKnobs;
import com.hmall.common.client.PaymentNotice;
import com.hmall.common.event.PaymentSucceeded;
import com.hmall.common.messaging.EventValidator;
import com.hmall.common.messaging.ConsumerMetrics;
import com.hmall.common.messaging.PayTopology;

import lombok.RequiredArgsConstructor;
import lombok.extern.slf4j.Slf4j;

/**
 * The async path: the same award as {@code POST /points/awards}, brought by the event.
 * Redeliveries and duplicates are harmless because {@link PointsService} is idempotent per
 * {@code payOrderNo}.
 */
@Slf4j
@Component
@RequiredArgsConstructor
class PaymentSucceededListener {

    private final ChaosKnobs chaosKnobs;
    private final ConsumerMetrics consumerMetrics;
    private final PointsService pointsService;
    private final EventValidator events;

    @RabbitListener(queues = PayTopology.POINTS_QUEUE)
    void on(PaymentSucceeded event) {
        chaosKnobs.beforeMessage();
        PaymentNotice notice = events.requireValid(PaymentNotice.of(event), event.eventId());
        log.debug("Handling PaymentSucceeded {} for {}", event.eventId(), event.payOrderNo());
        pointsService.award(notice);
        consumerMetrics.effectWritten(event);
    }
}
