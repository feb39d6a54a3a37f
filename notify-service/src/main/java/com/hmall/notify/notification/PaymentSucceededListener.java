package com.hmall.notify.notification;

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
 * The async path: the same notification as {@code POST /notifications}, brought by the event.
 * Redeliveries and duplicates are harmless because {@link NotificationService} is idempotent per
 * {@code payOrderNo}.
 */
@Slf4j
@Component
@RequiredArgsConstructor
class PaymentSucceededListener {

    private final ChaosKnobs chaosKnobs;
    private final ConsumerMetrics consumerMetrics;
    private final NotificationService notificationService;
    private final EventValidator events;

    @RabbitListener(queues = PayTopology.NOTIFY_QUEUE)
    void on(PaymentSucceeded event) {
        chaosKnobs.beforeMessage();
        PaymentNotice notice = events.requireValid(PaymentNotice.of(event), event.eventId());
        log.debug("Handling PaymentSucceeded {} for {}", event.eventId(), event.payOrderNo());
        notificationService.notifyPayment(notice);
        consumerMetrics.effectWritten(event);
    }
}
