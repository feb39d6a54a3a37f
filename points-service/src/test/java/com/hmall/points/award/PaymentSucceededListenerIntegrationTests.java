package com.hmall.points.award;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.doAnswer;


import org.mockito.stubbing.Answer;
import org.springframework.beans.factory.annotation.Autowired;

import com.baomidou.mybatisplus.core.conditions.query.LambdaQueryWrapper;
import com.hmall.payevents.PaymentNotice;
import com.hmall.payevents.PaymentSucceeded;
import com.hmall.starter.messaging.AbstractPaymentConsumerContractTest;

/** points-service keeps the consumer contract; its own rule: one point per whole yuan, once per payment. */
@PointsIntegrationTest
class PaymentSucceededListenerIntegrationTests extends AbstractPaymentConsumerContractTest {

    @Autowired
    PointsAwardMapper pointsAwardMapper;

    @Autowired
    PointsService pointsService;

    PaymentSucceededListenerIntegrationTests() {
        super(PointsMessagingConfiguration.QUEUE, PointsMessagingConfiguration.DEAD_LETTER_QUEUE);
    }

    @Override
    protected long effectsOf(PaymentSucceeded event) {
        return pointsAwardMapper.selectCount(new LambdaQueryWrapper<PointsAward>()
                .eq(PointsAward::getPayOrderNo, event.payOrderNo()));
    }

    /** 123.45 yuan earn 123 points, and the user's total is that one award. */
    @Override
    protected void assertEffectOf(PaymentSucceeded event) {
        UserPoints points = pointsService.findByUser(event.userId());
        assertThat(points.total()).isEqualTo(123);
        assertThat(points.history()).singleElement().satisfies(entry -> {
            assertThat(entry.payOrderNo()).isEqualTo(event.payOrderNo());
            assertThat(entry.bizOrderNo()).isEqualTo(event.bizOrderNo());
            assertThat(entry.points()).isEqualTo(123);
        });
    }

    @Override
    protected void handleThroughTheSyncCall(PaymentSucceeded event) {
        assertThat(pointsService.award(PaymentNotice.of(event)).created()).isTrue();
    }

    @Override
    protected void failEveryAttemptFor(PaymentSucceeded event, Answer<?> failure) {
        doAnswer(failure).when(pointsService).award(argThat(notice -> notice != null
                && event.payOrderNo().equals(notice.payOrderNo())));
    }
}
