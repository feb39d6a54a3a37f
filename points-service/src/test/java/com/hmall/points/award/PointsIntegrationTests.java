package com.hmall.points.award;

import static com.hmall.starter.messaging.PaymentMessages.notice;
import static com.hmall.starter.messaging.PaymentMessages.uniquePayOrderNo;
import static com.hmall.starter.messaging.PaymentMessages.uniqueUserId;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import com.baomidou.mybatisplus.core.conditions.query.LambdaQueryWrapper;
import com.hmall.payevents.PaymentNotice;
import com.hmall.starter.messaging.AbstractPaymentNoticeEndpointContractTest;

/** {@code POST /points/awards} keeps the sync endpoint's contract; its own rule: one point per whole yuan, summed per user. */
@PointsIntegrationTest
class PointsIntegrationTests extends AbstractPaymentNoticeEndpointContractTest {

    @Autowired
    PointsAwardMapper pointsAwardMapper;

    PointsIntegrationTests() {
        super("/points/awards");
    }

    @Override
    protected long effectsOf(String payOrderNo) {
        return pointsAwardMapper.selectCount(new LambdaQueryWrapper<PointsAward>()
                .eq(PointsAward::getPayOrderNo, payOrderNo));
    }

    @Override
    protected MvcTestResult readFor(long userId) {
        return mvc.get().uri("/points/{userId}", userId).exchange();
    }

    /** 123.45 yuan earn 123 points. */
    @Override
    protected void assertEffectOf(PaymentNotice notice, MvcTestResult answer) {
        PointsAwardView awarded = jsonMapper.readValue(answer.getResponse().getContentAsByteArray(),
                PointsAwardView.class);
        assertThat(awarded.amount()).isEqualTo(12345);
        assertThat(awarded.points()).isEqualTo(123);
        assertThat(pointsOf(notice.userId()).total()).isEqualTo(123);
    }

    /** One point per whole yuan of each payment, and the total is their sum. */
    @Override
    protected void assertUserSees(long userId, List<PaymentNotice> payments) {
        UserPoints points = pointsOf(userId);
        assertThat(points.userId()).isEqualTo(userId);
        assertThat(points.total()).isEqualTo(payments.stream().mapToLong(payment -> payment.amount() / 100).sum());
        assertThat(points.history()).extracting(UserPoints.Entry::payOrderNo)
                .containsExactlyInAnyOrderElementsOf(payments.stream().map(PaymentNotice::payOrderNo).toList());
    }

    /** A user who never earned points has a total of 0 and an empty history, not a 404. */
    @Override
    protected String nothingFor(long userId) {
        return "{\"userId\":" + userId + ",\"total\":0,\"history\":[]}";
    }

    @Test
    void shouldRecordAPaymentUnderOneYuanOnceWithNoPoints() {
        PaymentNotice notice = notice(uniqueUserId(), uniquePayOrderNo(), 99);

        assertThat(post(notice)).hasStatus(HttpStatus.CREATED);
        assertThat(post(notice)).hasStatus(HttpStatus.OK);

        UserPoints points = pointsOf(notice.userId());
        assertThat(points.total()).isZero();
        assertThat(points.history()).singleElement()
                .satisfies(entry -> {
                    assertThat(entry.payOrderNo()).isEqualTo(notice.payOrderNo());
                    assertThat(entry.points()).isZero();
                });
    }

    @Test
    void shouldSumTheUsersAwardsAndListThemNewestFirst() {
        long userId = uniqueUserId();
        PaymentNotice older = notice(userId, uniquePayOrderNo(), 199);
        PaymentNotice newer = notice(userId, uniquePayOrderNo(), 100_000_000);
        assertThat(post(older)).hasStatus(HttpStatus.CREATED);
        assertThat(post(newer)).hasStatus(HttpStatus.CREATED);

        UserPoints points = pointsOf(userId);

        assertThat(points.userId()).isEqualTo(userId);
        assertThat(points.total()).isEqualTo(1_000_001);
        assertThat(points.history()).extracting(UserPoints.Entry::payOrderNo)
                .containsExactly(newer.payOrderNo(), older.payOrderNo());
        assertThat(points.history()).extracting(UserPoints.Entry::points).containsExactly(1_000_000L, 1L);
    }

    private UserPoints pointsOf(long userId) {
        MvcTestResult result = readFor(userId);
        assertThat(result).hasStatusOk();
        return jsonMapper.readValue(result.getResponse().getContentAsByteArray(), UserPoints.class);
    }
}
