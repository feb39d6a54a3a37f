package com.hmall.notify.notification;

import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

import com.hmall.payevents.PaymentNotice;
import com.hmall.payevents.PaymentSucceeded;

import jakarta.validation.Valid;
import lombok.RequiredArgsConstructor;

/**
 * The async path: the same notification as the sync endpoint's, brought by the event. Redeliveries
 * and duplicates are harmless because {@link NotificationService} is idempotent per {@code payOrderNo}.
 */
@Component
@RequiredArgsConstructor
class PaymentSucceededListener {

    private final NotificationService notificationService;

    @RabbitListener(queues = NotificationMessagingConfiguration.QUEUE)
    void on(@Valid PaymentSucceeded event) {
        notificationService.notifyPayment(PaymentNotice.of(event));
    }
}
