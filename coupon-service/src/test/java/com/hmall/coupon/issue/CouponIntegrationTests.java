package com.hmall.coupon.issue;

import static com.hmall.starter.messaging.PaymentMessages.notice;
import static com.hmall.starter.messaging.PaymentMessages.uniquePayOrderNo;
import static com.hmall.starter.messaging.PaymentMessages.uniqueUserId;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.web.client.RestClient;

import com.baomidou.mybatisplus.core.conditions.query.LambdaQueryWrapper;
import com.hmall.payevents.PaymentNotice;
import com.hmall.testing.Concurrently;

import tools.jackson.databind.json.JsonMapper;

/** The sync endpoint and the read, through the whole web stack against the real database. */
@CouponIntegrationTest
class CouponIntegrationTests {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    JsonMapper jsonMapper;

    @Autowired
    CouponMapper couponMapper;

    @LocalServerPort
    int port;

    @Test
    void shouldIssueOneCouponAndAnswerARepeatWithTheSameOne() throws Exception {
        PaymentNotice notice = notice(uniqueUserId(), uniquePayOrderNo(), 12_345);

        MvcTestResult first = post(notice);
        MvcTestResult repeat = post(notice);

        assertThat(first).hasStatus(HttpStatus.CREATED).bodyJson()
                .hasPathSatisfying("$.amountOff", off -> assertThat(off).asNumber().isEqualTo(500))
                .hasPathSatisfying("$.payOrderNo", no -> assertThat(no).asString().isEqualTo(notice.payOrderNo()));
        assertThat(repeat).hasStatus(HttpStatus.OK);
        assertThat(repeat.getResponse().getContentAsString()).isEqualTo(first.getResponse().getContentAsString());
        assertThat(couponsOf(notice.payOrderNo())).isEqualTo(1);
        assertThat(mvc.get().uri("/coupons?userId={id}", notice.userId()).exchange())
                .hasStatusOk().bodyJson().isLenientlyEqualTo("[" + first.getResponse().getContentAsString() + "]");
    }

    @Test
    void shouldIssueNothingBelowTheThreshold() {
        PaymentNotice notice = notice(uniqueUserId(), uniquePayOrderNo(), CouponRule.MIN_PAYMENT - 1);

        assertThat(post(notice)).hasStatus(HttpStatus.NO_CONTENT);

        assertThat(couponsOf(notice.payOrderNo())).isZero();
        assertThat(mvc.get().uri("/coupons?userId={id}", notice.userId()).exchange())
                .hasStatusOk().bodyJson().isLenientlyEqualTo("[]");
    }

    /** Identifiers compare byte for byte: another case or a trailing space is another payment. */
    @Test
    void shouldTellPayOrderNumbersApartThatDifferOnlyInCaseOrATrailingSpace() {
        long userId = uniqueUserId();
        String payOrderNo = "Pay-" + uniquePayOrderNo();
        List<String> variants = List.of(payOrderNo, payOrderNo.toLowerCase(), payOrderNo + " ");

        variants.forEach(variant -> assertThat(post(notice(userId, variant, 20_000))).as(variant).hasStatus(HttpStatus.CREATED));

        variants.forEach(variant -> assertThat(couponsOf(variant)).as(variant).isEqualTo(1));
    }

    @Test
    void shouldIssueExactlyOneCouponFromConcurrentCalls() throws Exception {
        PaymentNotice notice = notice(uniqueUserId(), uniquePayOrderNo(), 50_000);
        String body = jsonMapper.writeValueAsString(notice);
        RestClient client = RestClient.create("http://127.0.0.1:" + port);

        List<HttpStatus> statuses = Concurrently.call(10, i -> HttpStatus.valueOf(client.post().uri("/coupons")
                .contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toBodilessEntity().getStatusCode().value()));

        assertThat(statuses).containsOnlyOnce(HttpStatus.CREATED).containsOnly(HttpStatus.CREATED, HttpStatus.OK);
        assertThat(couponsOf(notice.payOrderNo())).isEqualTo(1);
    }

    private MvcTestResult post(PaymentNotice notice) {
        return mvc.post().uri("/coupons").contentType(MediaType.APPLICATION_JSON)
                .content(jsonMapper.writeValueAsString(notice)).exchange();
    }

    private long couponsOf(String payOrderNo) {
        return couponMapper.selectCount(new LambdaQueryWrapper<Coupon>().eq(Coupon::getPayOrderNo, payOrderNo));
    }
}
