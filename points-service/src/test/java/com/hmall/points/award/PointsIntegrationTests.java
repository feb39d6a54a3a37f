package com.hmall.points.award;

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

@PointsIntegrationTest
class PointsIntegrationTests {

    private static final int CONCURRENT_CALLS = 10;

    @Autowired
    MockMvcTester mvc;

    @Autowired
    PointsAwardMapper pointsAwardMapper;

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
    void shouldAwardOnceAndAnswerARepeatWithTheSameAward() {
        PaymentNotice notice = notice(uniqueUserId(), uniquePayOrderNo(), 12345);

        MvcTestResult first = post(notice);
        MvcTestResult repeat = post(notice);

        assertThat(first).hasStatus(HttpStatus.CREATED);
        PointsAwardView awarded = readAward(first);
        assertThat(awarded.userId()).isEqualTo(notice.userId());
        assertThat(awarded.payOrderNo()).isEqualTo(notice.payOrderNo());
        assertThat(awarded.amount()).isEqualTo(12345);
        assertThat(awarded.points()).isEqualTo(123);
        assertThat(repeat).hasStatus(HttpStatus.OK);
        assertThat(readAward(repeat)).isEqualTo(awarded);
        assertThat(countFor(notice.payOrderNo())).isEqualTo(1);
        assertThat(pointsOf(notice.userId()).total()).isEqualTo(123);
    }

    /** Identifiers compare byte for byte: another case or a trailing space is another payment. */
    @Test
    void shouldTellPayOrderNumbersApartThatDifferOnlyInCaseOrATrailingSpace() {
        long userId = uniqueUserId();
        String payOrderNo = "Pay-" + uniquePayOrderNo();
        List<String> variants = List.of(payOrderNo, payOrderNo.toLowerCase(), payOrderNo.toUpperCase(), payOrderNo + " ");

        for (String variant : variants) {
            MvcTestResult awarded = post(notice(userId, variant, 100));
            assertThat(awarded).as(variant).hasStatus(HttpStatus.CREATED);
            assertThat(readAward(awarded).payOrderNo()).isEqualTo(variant);
        }

        assertThat(pointsOf(userId).total()).isEqualTo(4);
        for (String variant : variants) {
            assertThat(countFor(variant)).as(variant).isEqualTo(1);
        }
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
    void shouldAwardExactlyOnceFromConcurrentCalls() throws Exception {
        PaymentNotice notice = notice(uniqueUserId(), uniquePayOrderNo(), 50_000);
        String body = jsonMapper.writeValueAsString(notice);
        RestClient client = RestClient.create("http://127.0.0.1:" + port);
        List<HttpStatus> statuses = Concurrently.call(CONCURRENT_CALLS, i -> HttpStatus.valueOf(client.post()
                .uri("/points/awards").contentType(MediaType.APPLICATION_JSON).body(body)
                .retrieve().toBodilessEntity().getStatusCode().value()));

        assertThat(statuses).containsOnlyOnce(HttpStatus.CREATED).containsOnly(HttpStatus.CREATED, HttpStatus.OK);
        assertThat(countFor(notice.payOrderNo())).isEqualTo(1);
        assertThat(pointsOf(notice.userId()).total()).isEqualTo(500);
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

    @Test
    void shouldShowNoPointsForAUserWhoNeverPaid() {
        long userId = uniqueUserId();

        assertThat(mvc.get().uri("/points/{userId}", userId))
                .hasStatusOk()
                .bodyJson()
                .isLenientlyEqualTo("{\"userId\":" + userId + ",\"total\":0,\"history\":[]}");
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
        assertThat(mvc.get().uri("/points/{userId}", notice.userId()))
                .hasStatus(HttpStatus.SERVICE_UNAVAILABLE);

        assertThat(putChaos("{\"latencyMs\":0,\"outage\":false}")).hasStatusOk();

        assertThat(post(notice)).hasStatus(HttpStatus.CREATED);
    }

    private MvcTestResult post(PaymentNotice notice) {
        return mvc.post().uri("/points/awards").contentType(MediaType.APPLICATION_JSON)
                .content(jsonMapper.writeValueAsString(notice)).exchange();
    }

    private MvcTestResult putChaos(String settings) {
        return mvc.put().uri("/demo/chaos").contentType(MediaType.APPLICATION_JSON).content(settings).exchange();
    }

    private PointsAwardView readAward(MvcTestResult result) {
        return jsonMapper.readValue(result.getResponse().getContentAsByteArray(), PointsAwardView.class);
    }

    private UserPoints pointsOf(long userId) {
        MvcTestResult result = mvc.get().uri("/points/{userId}", userId).exchange();
        assertThat(result).hasStatusOk();
        return jsonMapper.readValue(result.getResponse().getContentAsByteArray(), UserPoints.class);
    }

    private long countFor(String payOrderNo) {
        return pointsAwardMapper.selectCount(new LambdaQueryWrapper<PointsAward>()
                .eq(PointsAward::getPayOrderNo, payOrderNo));
    }

}
