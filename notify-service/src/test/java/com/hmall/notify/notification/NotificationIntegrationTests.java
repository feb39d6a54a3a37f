package com.hmall.notify.notification;

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

/** {@code POST /notifications} keeps the sync endpoint's contract; its own rule: one SMS per payment, in the user's words. */
@NotifyIntegrationTest
class NotificationIntegrationTests extends AbstractPaymentNoticeEndpointContractTest {

    @Autowired
    NotificationMapper notificationMapper;

    NotificationIntegrationTests() {
        super("/notifications");
    }

    @Override
    protected long effectsOf(String payOrderNo) {
        return notificationMapper.selectCount(new LambdaQueryWrapper<Notification>()
                .eq(Notification::getPayOrderNo, payOrderNo));
    }

    @Override
    protected MvcTestResult readFor(long userId) {
        return mvc.get().uri("/notifications").param("userId", String.valueOf(userId)).exchange();
    }

    @Override
    protected void assertEffectOf(PaymentNotice notice, MvcTestResult answer) {
        NotificationView created = read(answer, NotificationView.class);
        assertThat(created.channel()).isEqualTo(NotificationChannel.SMS);
        assertThat(created.content()).isEqualTo("Payment of 123.45 yuan for order 17 succeeded.");
    }

    @Override
    protected void assertUserSees(long userId, List<PaymentNotice> payments) {
        assertThat(inboxOf(userId)).extracting(NotificationView::payOrderNo)
                .containsExactlyInAnyOrderElementsOf(payments.stream().map(PaymentNotice::payOrderNo).toList());
    }

    /** An empty inbox is an empty array. */
    @Override
    protected String nothingFor(long userId) {
        return "[]";
    }

    @Test
    void shouldListTheUsersNotificationsNewestFirst() {
        long userId = uniqueUserId();
        PaymentNotice older = notice(userId, uniquePayOrderNo(), 100);
        PaymentNotice newer = notice(userId, uniquePayOrderNo(), 250);
        assertThat(post(older)).hasStatus(HttpStatus.CREATED);
        assertThat(post(newer)).hasStatus(HttpStatus.CREATED);

        NotificationView[] inbox = inboxOf(userId);

        assertThat(inbox).extracting(NotificationView::payOrderNo)
                .containsExactly(newer.payOrderNo(), older.payOrderNo());
        assertThat(inbox[0].content()).isEqualTo("Payment of 2.50 yuan for order 17 succeeded.");
    }

    private NotificationView[] inboxOf(long userId) {
        MvcTestResult result = readFor(userId);
        assertThat(result).hasStatusOk();
        return read(result, NotificationView[].class);
    }

    private <T> T read(MvcTestResult result, Class<T> type) {
        return jsonMapper.readValue(result.getResponse().getContentAsByteArray(), type);
    }
}
