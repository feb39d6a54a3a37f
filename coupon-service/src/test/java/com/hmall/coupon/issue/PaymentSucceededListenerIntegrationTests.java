package com.hmall.coupon.issue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.doAnswer;

import org.junit.jupiter.api.Test;
import org.mockito.stubbing.Answer;
import org.springframework.beans.factory.annotation.Autowired;

import com.baomidou.mybatisplus.core.conditions.query.LambdaQueryWrapper;
import com.hmall.payevents.PaymentNotice;
import com.hmall.payevents.PaymentSucceeded;
import com.hmall.starter.messaging.AbstractPaymentConsumerContractTest;
import com.hmall.starter.messaging.PaymentMessages;

/**
 * coupon-service keeps the consumer contract every subscriber keeps; its own rule: one coupon of
 * 500 fen for a payment of at least 10000 fen, none below.
 */
@CouponIntegrationTest
class PaymentSucceededListenerIntegrationTests extends AbstractPaymentConsumerContractTest {

    @Autowired
    CouponMapper couponMapper;

    @Autowired
    CouponService couponService;

    PaymentSucceededListenerIntegrationTests() {
        super(CouponMessagingConfiguration.QUEUE, CouponMessagingConfiguration.DEAD_LETTER_QUEUE);
    }

    @Override
    protected long effectsOf(PaymentSucceeded event) {
        return couponMapper.selectCount(new LambdaQueryWrapper<Coupon>().eq(Coupon::getPayOrderNo, event.payOrderNo()));
    }

    /** 123.45 yuan earn one coupon of 5 yuan, the user's only one. */
    @Override
    protected void assertEffectOf(PaymentSucceeded event) {
        assertThat(couponService.findByUser(event.userId())).singleElement().satisfies(coupon -> {
            assertThat(coupon.payOrderNo()).isEqualTo(event.payOrderNo());
            assertThat(coupon.amountOff()).isEqualTo(500);
        });
    }

    @Override
    protected void handleThroughTheSyncCall(PaymentSucceeded event) {
        assertThat(couponService.issue(PaymentNotice.of(event)).created()).isTrue();
    }

    @Override
    protected void failEveryAttemptFor(PaymentSucceeded event, Answer<?> failure) {
        doAnswer(failure).when(couponService).issue(argThat(notice -> notice != null
                && event.payOrderNo().equals(notice.payOrderNo())));
    }

    @Test
    void shouldIssueNoCouponBelowTheThresholdAndOneAtIt() {
        long userId = PaymentMessages.uniqueUserId();
        PaymentSucceeded below = payment(userId, 17L, PaymentMessages.uniquePayOrderNo(), CouponRule.MIN_PAYMENT - 1);
        PaymentSucceeded at = payment(userId, 18L, PaymentMessages.uniquePayOrderNo(), CouponRule.MIN_PAYMENT);

        messages.publish(below);
        messages.publish(at);

        // FIFO with one consumer: once the second payment's coupon is there, the first was handled.
        await().atMost(PATIENCE).until(() -> effectsOf(at) == 1);
        assertThat(effectsOf(below)).isZero();
        assertThat(couponService.findByUser(userId)).extracting(CouponView::payOrderNo).containsExactly(at.payOrderNo());
        assertThat(messages.takeDeadLetter(below.eventId())).as("a payment that earns nothing is no failure").isFalse();
    }
}
