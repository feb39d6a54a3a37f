package com.hmall.notify.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import com.hmall.payevents.PaymentNotice;

@WebMvcTest(NotificationController.class)
class NotificationControllerTests {

    private static final String VALID_NOTICE =
            "{\"userId\":1,\"bizOrderNo\":17,\"payOrderNo\":\"p-1\",\"amount\":12345}";

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    NotificationService notificationService;

    @Test
    void shouldAnswer201WithTheNewNotification() {
        given(notificationService.notifyPayment(any(PaymentNotice.class)))
                .willReturn(new NotificationService.Recorded(view(), true));

        assertThat(post(VALID_NOTICE))
                .hasStatus(HttpStatus.CREATED)
                .bodyJson()
                .hasPathSatisfying("$.content", content -> assertThat(content).asString()
                        .isEqualTo("Payment of 123.45 yuan for order 17 succeeded."))
                .hasPathSatisfying("$.channel", channel -> assertThat(channel).asString().isEqualTo("SMS"));
    }

    @Test
    void shouldAnswer200WithTheExistingNotificationForARepeat() {
        given(notificationService.notifyPayment(any(PaymentNotice.class)))
                .willReturn(new NotificationService.Recorded(view(), false));

        assertThat(post(VALID_NOTICE))
                .hasStatus(HttpStatus.OK)
                .bodyJson()
                .hasPathSatisfying("$.id", id -> assertThat(id).asNumber().isEqualTo(5));
    }

    @ParameterizedTest
    @MethodSource("com.hmall.starter.messaging.PaymentMessages#invalidNoticeBodies")
    void shouldRejectAnInvalidNotice(String body) {
        assertThat(post(body))
                .hasStatus(HttpStatus.BAD_REQUEST)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson()
                .hasPathSatisfying("$.code", code -> assertThat(code).asString().isEqualTo("VALIDATION_FAILED"));
        verifyNoInteractions(notificationService);
    }

    @Test
    void shouldListTheUsersNotifications() {
        given(notificationService.findByUser(1L)).willReturn(List.of(view()));

        assertThat(mvc.get().uri("/notifications").param("userId", "1"))
                .hasStatusOk()
                .bodyJson()
                .hasPathSatisfying("$[0].payOrderNo", no -> assertThat(no).asString().isEqualTo("p-1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-3", "abc", ""})
    void shouldRejectAUserIdThatIsNotPositive(String userId) {
        assertThat(mvc.get().uri("/notifications").param("userId", userId))
                .hasStatus(HttpStatus.BAD_REQUEST)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson()
                .hasPathSatisfying("$.code", code -> assertThat(code).asString().isEqualTo("VALIDATION_FAILED"));
        verifyNoInteractions(notificationService);
    }

    @Test
    void shouldRejectAMissingUserId() {
        assertThat(mvc.get().uri("/notifications"))
                .hasStatus(HttpStatus.BAD_REQUEST)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson()
                .hasPathSatisfying("$.code", code -> assertThat(code).asString().isEqualTo("VALIDATION_FAILED"));
    }

    private MvcTestResult post(String body) {
        return mvc.post().uri("/notifications").contentType(MediaType.APPLICATION_JSON).content(body).exchange();
    }

    private static NotificationView view() {
        return new NotificationView(5, 1, 17, "p-1", NotificationChannel.SMS,
                "Payment of 123.45 yuan for order 17 succeeded.", Instant.parse("2026-11-24T10:41:42.123Z"));
    }
}
