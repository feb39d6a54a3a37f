package com.hmall.points.award;

import java.util.Set;

import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

import com.hmall.common.chaos.ChaosKnobs;
import com.hmall.common.client.PaymentNotice;
import com.hmall.common.event.PaymentSucceeded;
import com.hmall.common.messaging.PayTopology;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
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
    private final PointsService pointsService;
    private final Validator validator;

    @RabbitListener(queues = PayTopology.POINTS_QUEUE)
    void on(PaymentSucceeded event) {
        chaosKnobs.beforeMessage();
        PaymentNotice notice = new PaymentNotice(event.userId(), event.bizOrderNo(), event.payOrderNo(),
                event.amount());
        Set<ConstraintViolation<PaymentNotice>> violations = validator.validate(notice);
        if (!violations.isEmpty()) {
            // Retrying cannot fix a malformed event: reject it into the dead-letter queue.
            throw new AmqpRejectAndDontRequeueException("Invalid PaymentSucceeded " + event.eventId() + ": "
                    + violations.stream().map(v -> v.getPropertyPath() + " " + v.getMessage()).toList());
        }
        log.debug("Handling PaymentSucceeded {} for {}", event.eventId(), event.payOrderNo());
        pointsService.award(notice);
    }
}
