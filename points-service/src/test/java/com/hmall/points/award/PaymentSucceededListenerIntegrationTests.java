package com.hmall.points.award;

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
@PointsIntegrationTest
class PaymentSucceededListenerIntegrationTests {

    private static final Duration PATIENCE = Duration.ofSeconds(15);

    @Autowired
    RabbitTemplate rabbitTemplate;

    @Autowired
    PointsAwardMapper pointsAwardMapper;

    @Autowired
    PointsService pointsService;

    PaymentMessages messages;

    @BeforeEach
    void setUp() {
        messages = new PaymentMessages(rabbitTemplate, PointsMessagingConfiguration.QUEUE, PointsMessagingConfiguration.DEAD_LETTER_QUEUE);
    }

    @Test
    void shouldAwardPointsWhenThePaymentEventArrives() {
        PaymentNotice notice = notice(uniqueUserId(), uniquePayOrderNo(), 12345);

        messages.publish(event(notice));

        await().atMost(PATIENCE).until(() -> countFor(notice.payOrderNo()) == 1);
        UserPoints points = pointsService.findByUser(notice.userId());
        assertThat(points.total()).isEqualTo(123);
        assertThat(points.history()).singleElement()
                .satisfies(entry -> assertThat(entry.bizOrderNo()).isEqualTo(notice.bizOrderNo()));
    }

    @Test
    void shouldAwardOnceWhenTheSameEventArrivesTwice() {
        PaymentNotice notice = notice(uniqueUserId(), uniquePayOrderNo(), 300);
        PaymentSucceeded event = event(notice);

        messages.publish(event);
        messages.publish(event);

        awaitMarker();
        assertThat(countFor(notice.payOrderNo())).isEqualTo(1);
        assertThat(pointsService.findByUser(notice.userId()).total()).isEqualTo(3);
    }

    @Test
    void shouldAwardOnceWhenTheSyncCallGotThereFirst() {
        PaymentNotice notice = notice(uniqueUserId(), uniquePayOrderNo(), 300);
        assertThat(pointsService.award(notice).created()).isTrue();

        messages.publish(event(notice));

        awaitMarker();
        assertThat(countFor(notice.payOrderNo())).isEqualTo(1);
        assertThat(pointsService.findByUser(notice.userId()).total()).isEqualTo(3);
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
        PaymentSucceeded broken = event(notice(uniqueUserId(), uniquePayOrderNo(), 0));

        messages.publish(broken);

        await().atMost(PATIENCE).until(() -> messages.takeDeadLetter(broken.eventId()));
        assertThat(countFor(broken.payOrderNo())).isZero();
    }

    private void awaitMarker() {
        PaymentNotice marker = notice(uniqueUserId(), uniquePayOrderNo(), 1);
        messages.publish(event(marker));
        await().atMost(PATIENCE).until(() -> countFor(marker.payOrderNo()) == 1);
    }

    private long countFor(String payOrderNo) {
        return pointsAwardMapper.selectCount(new LambdaQueryWrapper<PointsAward>()
                .eq(PointsAward::getPayOrderNo, payOrderNo));
    }
}
