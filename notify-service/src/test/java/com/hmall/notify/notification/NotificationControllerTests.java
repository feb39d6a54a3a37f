package com.hmall.notify.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import com.hmall.payevents.PaymentNotice;
import com.hmall.starter.messaging.AbstractPaymentNoticeControllerTest;

/** {@link NotificationController} keeps the sync endpoint's controller contract; its own: the SMS it answers, and the inbox by query parameter. */
@WebMvcTest(NotificationController.class)
class NotificationControllerTests extends AbstractPaymentNoticeControllerTest {

    @MockitoBean
    NotificationService notificationService;

    NotificationControllerTests() {
        super("/notifications");
    }

    @Override
    protected void givenTheServiceAnswers(boolean created) {
        given(notificationService.notifyPayment(any(PaymentNotice.class)))
                .willReturn(new NotificationService.Recorded(view(), created));
    }

    @Override
    protected Object service() {
        return notificationService;
    }

    @Override
    protected MvcTestResult readFor(String userId) {
        return mvc.get().uri("/notifications").param("userId", userId).exchange();
    }

    @Override
    protected void assertNewEffectIn(MvcTestResult answer) {
        assertThat(answer)
                .bodyJson()
                .hasPathSatisfying("$.content", content -> assertThat(content).asString()
                        .isEqualTo("Payment of 123.45 yuan for order 17 succeeded."))
                .hasPathSatisfying("$.channel", channel -> assertThat(channel).asString().isEqualTo("SMS"));
    }

    @Test
    void shouldListTheUsersNotifications() {
        given(notificationService.findByUser(1L)).willReturn(List.of(view()));

        assertThat(readFor("1"))
                .hasStatusOk()
                .bodyJson()
                .hasPathSatisfying("$[0].payOrderNo", no -> assertThat(no).asString().isEqualTo("p-1"));
    }

    @Test
    void shouldRejectAnEmptyUserId() {
        assertValidationFailed(readFor(""));
        verifyNoInteractions(notificationService);
    }

    @Test
    void shouldRejectAMissingUserId() {
        assertValidationFailed(mvc.get().uri("/notifications").exchange());
    }

    private static NotificationView view() {
        return new NotificationView(5, 1, 17, "p-1", NotificationChannel.SMS,
                "Payment of 123.45 yuan for order 17 succeeded.", Instant.parse("2026-11-24T10:41:42.123Z"));
    }
}
