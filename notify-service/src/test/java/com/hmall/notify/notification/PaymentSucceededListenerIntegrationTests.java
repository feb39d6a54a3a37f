package com.hmall.notify.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.doAnswer;


import org.mockito.stubbing.Answer;
import org.springframework.beans.factory.annotation.Autowired;

import com.baomidou.mybatisplus.core.conditions.query.LambdaQueryWrapper;
import com.hmall.payevents.PaymentNotice;
import com.hmall.payevents.PaymentSucceeded;
import com.hmall.starter.messaging.AbstractPaymentConsumerContractTest;

/** notify-service keeps the consumer contract; its own rule: one SMS per payment, in the user's words. */
@NotifyIntegrationTest
class PaymentSucceededListenerIntegrationTests extends AbstractPaymentConsumerContractTest {

    @Autowired
    NotificationMapper notificationMapper;

    @Autowired
    NotificationService notificationService;

    PaymentSucceededListenerIntegrationTests() {
        super(NotificationMessagingConfiguration.QUEUE, NotificationMessagingConfiguration.DEAD_LETTER_QUEUE);
    }

    @Override
    protected long effectsOf(PaymentSucceeded event) {
        return notificationMapper.selectCount(new LambdaQueryWrapper<Notification>()
                .eq(Notification::getPayOrderNo, event.payOrderNo()));
    }

    @Override
    protected void assertEffectOf(PaymentSucceeded event) {
        assertThat(notificationService.findByUser(event.userId()))
                .singleElement()
                .satisfies(notification -> {
                    assertThat(notification.payOrderNo()).isEqualTo(event.payOrderNo());
                    assertThat(notification.bizOrderNo()).isEqualTo(event.bizOrderNo());
                    assertThat(notification.channel()).isEqualTo(NotificationChannel.SMS);
                    assertThat(notification.content()).isEqualTo("Payment of 123.45 yuan for order 17 succeeded.");
                });
    }

    @Override
    protected void handleThroughTheSyncCall(PaymentSucceeded event) {
        assertThat(notificationService.notifyPayment(PaymentNotice.of(event)).created()).isTrue();
    }

    @Override
    protected void failEveryAttemptFor(PaymentSucceeded event, Answer<?> failure) {
        doAnswer(failure).when(notificationService).notifyPayment(argThat(notice -> notice != null
                && event.payOrderNo().equals(notice.payOrderNo())));
    }
}
