package com.hmall.notify.notification;

import static com.hmall.starter.messaging.PaymentMessages.event;
import static com.hmall.starter.messaging.PaymentMessages.notice;
import static com.hmall.starter.messaging.PaymentMessages.uniquePayOrderNo;
import static com.hmall.starter.messaging.PaymentMessages.uniqueUserId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;

import com.baomidou.mybatisplus.core.conditions.query.LambdaQueryWrapper;
import com.hmall.payevents.PayEvents;
import com.hmall.starter.messaging.PaymentMessages;
import com.hmall.payevents.PaymentNotice;
import com.hmall.payevents.PaymentSucceeded;

/**
 * The async path against the real broker. Where a test must show that a message changed nothing,
 * it publishes a marker event after it and waits for the marker: the queue has one consumer and
 * is FIFO, so once the marker is handled the message before it has been too.
 */
@NotifyIntegrationTest
class PaymentSucceededListenerIntegrationTests {

    private static final Duration PATIENCE = Duration.ofSeconds(15);

    @Autowired
    RabbitTemplate rabbitTemplate;

    @Autowired
    NotificationMapper notificationMapper;

    @Autowired
    NotificationService notificationService;

    PaymentMessages messages;

    @BeforeEach
    void setUp() {
        messages = new PaymentMessages(rabbitTemplate, NotificationMessagingConfiguration.QUEUE, NotificationMessagingConfiguration.DEAD_LETTER_QUEUE);
    }

    @Test
    void shouldNotifyWhenThePaymentEventArrives() {
        PaymentNotice notice = notice(uniqueUserId(), uniquePayOrderNo(), 12345);

        messages.publish(event(notice));

        await().atMost(PATIENCE).until(() -> countFor(notice.payOrderNo()) == 1);
        assertThat(notificationService.findByUser(notice.userId()))
                .singleElement()
                .satisfies(notification -> {
                    assertThat(notification.bizOrderNo()).isEqualTo(notice.bizOrderNo());
                    assertThat(notification.content()).isEqualTo("Payment of 123.45 yuan for order 17 succeeded.");
                });
    }

    @Test
    void shouldNotifyOnceWhenTheSameEventArrivesTwice() {
        PaymentNotice notice = notice(uniqueUserId(), uniquePayOrderNo(), 300);
        PaymentSucceeded event = event(notice);

        messages.publish(event);
        messages.publish(event);

        awaitMarker();
        assertThat(countFor(notice.payOrderNo())).isEqualTo(1);
    }

    @Test
    void shouldNotifyOnceWhenTheSyncCallGotThereFirst() {
        PaymentNotice notice = notice(uniqueUserId(), uniquePayOrderNo(), 300);
        assertThat(notificationService.notifyPayment(notice).created()).isTrue();

        messages.publish(event(notice));

        awaitMarker();
        assertThat(countFor(notice.payOrderNo())).isEqualTo(1);
    }

    @Test
    void shouldDeadLetterAnUnparseableMessageAndGoOnWithTheNext() {
        String messageId = UUID.randomUUID().toString();
        PaymentNotice next = notice(uniqueUserId(), uniquePayOrderNo(), 700);

        messages.publishRaw("not json", messageId);
        messages.publish(event(next));

        await().atMost(PATIENCE).until(() -> countFor(next.payOrderNo()) == 1);
        await().atMost(PATIENCE).until(() -> messages.takeDeadLetter(messageId));
    }

    @Test
    void shouldDeadLetterAnEventThatBreaksTheContract() {
        PaymentSucceeded broken = event(notice(uniqueUserId(), " ", 700));

        messages.publish(broken);

        await().atMost(PATIENCE).until(() -> messages.takeDeadLetter(broken.eventId()));
    }

    private void awaitMarker() {
        PaymentNotice marker = notice(uniqueUserId(), uniquePayOrderNo(), 1);
        messages.publish(event(marker));
        await().atMost(PATIENCE).until(() -> countFor(marker.payOrderNo()) == 1);
    }

    private long countFor(String payOrderNo) {
        return notificationMapper.selectCount(new LambdaQueryWrapper<Notification>()
                .eq(Notification::getPayOrderNo, payOrderNo));
    }
}
