package com.hmall.notify.notification;

import static com.hmall.starter.messaging.PaymentMessages.notice;
import static com.hmall.starter.messaging.PaymentMessages.uniquePayOrderNo;
import static com.hmall.starter.messaging.PaymentMessages.uniqueUserId;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.web.client.RestClient;

import com.baomidou.mybatisplus.core.conditions.query.LambdaQueryWrapper;
import com.hmall.starter.chaos.ChaosKnobs;
import com.hmall.starter.chaos.ChaosSettings;
import com.hmall.payevents.PaymentNotice;
import com.hmall.testing.Concurrently;

import tools.jackson.databind.json.JsonMapper;

@NotifyIntegrationTest
class NotificationIntegrationTests {

    private static final int CONCURRENT_CALLS = 10;

    @Autowired
    MockMvcTester mvc;

    @Autowired
    NotificationMapper notificationMapper;

    @Autowired
    ChaosKnobs chaosKnobs;

    @Autowired
    JsonMapper jsonMapper;

    @LocalServerPort
    int port;

    /** The knobs are shared by the whole context: every test leaves them calm, pass or fail. */
    @AfterEach
    void calmDown() {
        chaosKnobs.apply(ChaosSettings.CALM);
    }

    @Test
    void shouldCreateOneNotificationAndAnswerARepeatWithTheSameOne() {
        PaymentNotice notice = notice(uniqueUserId(), uniquePayOrderNo(), 12345);

        MvcTestResult first = post(notice);
        MvcTestResult repeat = post(notice);

        assertThat(first).hasStatus(HttpStatus.CREATED);
        NotificationView created = read(first);
        assertThat(created.userId()).isEqualTo(notice.userId());
        assertThat(created.payOrderNo()).isEqualTo(notice.payOrderNo());
        assertThat(created.channel()).isEqualTo(NotificationChannel.SMS);
        assertThat(created.content()).isEqualTo("Payment of 123.45 yuan for order 17 succeeded.");
        assertThat(repeat).hasStatus(HttpStatus.OK);
        assertThat(read(repeat)).isEqualTo(created);
        assertThat(countFor(notice.payOrderNo())).isEqualTo(1);
    }

    /** Identifiers compare byte for byte: another case or a trailing space is another payment. */
    @Test
    void shouldTellPayOrderNumbersApartThatDifferOnlyInCaseOrATrailingSpace() {
        long userId = uniqueUserId();
        String payOrderNo = "Pay-" + uniquePayOrderNo();
        List<String> variants = List.of(payOrderNo, payOrderNo.toLowerCase(), payOrderNo.toUpperCase(), payOrderNo + " ");

        for (String variant : variants) {
            MvcTestResult created = post(notice(userId, variant, 100));
            assertThat(created).as(variant).hasStatus(HttpStatus.CREATED);
            assertThat(read(created).payOrderNo()).isEqualTo(variant);
        }

        for (String variant : variants) {
            assertThat(countFor(variant)).as(variant).isEqualTo(1);
        }
    }

    @Test
    void shouldCreateExactlyOneNotificationFromConcurrentCalls() throws Exception {
        PaymentNotice notice = notice(uniqueUserId(), uniquePayOrderNo(), 500);
        String body = jsonMapper.writeValueAsString(notice);
        RestClient client = RestClient.create("http://127.0.0.1:" + port);
        List<HttpStatus> statuses = Concurrently.call(CONCURRENT_CALLS, i -> HttpStatus.valueOf(client.post()
                .uri("/notifications").contentType(MediaType.APPLICATION_JSON).body(body)
                .retrieve().toBodilessEntity().getStatusCode().value()));

        assertThat(statuses).containsOnlyOnce(HttpStatus.CREATED).containsOnly(HttpStatus.CREATED, HttpStatus.OK);
        assertThat(countFor(notice.payOrderNo())).isEqualTo(1);
    }

    @Test
    void shouldListTheUsersNotificationsNewestFirst() {
        long userId = uniqueUserId();
        PaymentNotice older = notice(userId, uniquePayOrderNo(), 100);
        PaymentNotice newer = notice(userId, uniquePayOrderNo(), 250);
        assertThat(post(older)).hasStatus(HttpStatus.CREATED);
        assertThat(post(newer)).hasStatus(HttpStatus.CREATED);

        MvcTestResult result = mvc.get().uri("/notifications").param("userId", String.valueOf(userId)).exchange();

        assertThat(result).hasStatusOk();
        NotificationView[] inbox = jsonMapper.readValue(result.getResponse().getContentAsByteArray(),
                NotificationView[].class);
        assertThat(inbox).extracting(NotificationView::payOrderNo)
                .containsExactly(newer.payOrderNo(), older.payOrderNo());
        assertThat(inbox[0].content()).isEqualTo("Payment of 2.50 yuan for order 17 succeeded.");
    }

    @Test
    void shouldListNothingForAUserWithoutNotifications() {
        assertThat(mvc.get().uri("/notifications").param("userId", String.valueOf(uniqueUserId())))
                .hasStatusOk()
                .bodyJson()
                .isEqualTo("[]");
    }

    @Test
    void shouldRefuseRequestsDuringAnOutage() {
        PaymentNotice notice = notice(uniqueUserId(), uniquePayOrderNo(), 4200);
        assertThat(putChaos("{\"latencyMs\":0,\"outage\":true}")).hasStatusOk();

        assertThat(post(notice))
                .hasStatus(HttpStatus.SERVICE_UNAVAILABLE)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson()
                .hasPathSatisfying("$.code", code -> assertThat(code).asString().isEqualTo("SERVICE_UNAVAILABLE"));
        assertThat(mvc.get().uri("/notifications").param("userId", String.valueOf(notice.userId())))
                .hasStatus(HttpStatus.SERVICE_UNAVAILABLE);

        assertThat(putChaos("{\"latencyMs\":0,\"outage\":false}")).hasStatusOk();

        assertThat(post(notice)).hasStatus(HttpStatus.CREATED);
    }

    private MvcTestResult post(PaymentNotice notice) {
        return mvc.post().uri("/notifications").contentType(MediaType.APPLICATION_JSON)
                .content(jsonMapper.writeValueAsString(notice)).exchange();
    }

    private MvcTestResult putChaos(String settings) {
        return mvc.put().uri("/demo/chaos").contentType(MediaType.APPLICATION_JSON).content(settings).exchange();
    }

    private NotificationView read(MvcTestResult result) {
        return jsonMapper.readValue(result.getResponse().getContentAsByteArray(), NotificationView.class);
    }

    private long countFor(String payOrderNo) {
        return notificationMapper.selectCount(new LambdaQueryWrapper<Notification>()
                .eq(Notification::getPayOrderNo, payOrderNo));
    }

}
