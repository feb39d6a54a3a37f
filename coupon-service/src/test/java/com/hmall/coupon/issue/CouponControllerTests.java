package com.hmall.coupon.issue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import com.hmall.payevents.PaymentNotice;
import com.hmall.starter.messaging.AbstractPaymentNoticeControllerTest;

/** {@link CouponController} keeps the sync endpoint's controller contract; its own: 204 when nothing is earned, and a user's coupons. */
@WebMvcTest(CouponController.class)
class CouponControllerTests extends AbstractPaymentNoticeControllerTest {

    private static final CouponView COUPON = new CouponView(5, 1, "p-1", 500, Instant.parse("2026-12-02T10:41:42.123Z"));

    @MockitoBean
    CouponService couponService;

    CouponControllerTests() {
        super("/coupons");
    }

    @Override
    protected void givenTheServiceAnswers(boolean created) {
        given(couponService.issue(any(PaymentNotice.class)))
                .willReturn(new CouponService.Issued(Optional.of(COUPON), created));
    }

    @Override
    protected Object service() {
        return couponService;
    }

    @Override
    protected MvcTestResult readFor(String userId) {
        return mvc.get().uri("/coupons?userId={userId}", userId).exchange();
    }

    @Override
    protected void assertNewEffectIn(MvcTestResult answer) {
        assertThat(answer).bodyJson()
                .hasPathSatisfying("$.amountOff", off -> assertThat(off).asNumber().isEqualTo(500));
    }

    @Test
    void shouldAnswer204ForAPaymentThatEarnsNoCoupon() {
        given(couponService.issue(any(PaymentNotice.class))).willReturn(new CouponService.Issued(Optional.empty(), false));

        MvcTestResult answer = mvc.post().uri("/coupons").contentType(MediaType.APPLICATION_JSON)
                .content("{\"userId\":1,\"bizOrderNo\":17,\"payOrderNo\":\"p-1\",\"amount\":9999}").exchange();

        assertThat(answer).hasStatus(HttpStatus.NO_CONTENT);
        assertThat(answer.getResponse().getContentLength()).isZero();
    }

    @Test
    void shouldShowAUsersCoupons() {
        given(couponService.findByUser(1L)).willReturn(List.of(COUPON));

        assertThat(readFor("1"))
                .hasStatusOk()
                .bodyJson()
                .hasPathSatisfying("$[0].payOrderNo", no -> assertThat(no).asString().isEqualTo("p-1"))
                .hasPathSatisfying("$[0].amountOff", off -> assertThat(off).asNumber().isEqualTo(500))
                .hasPathSatisfying("$[0].createdAt", at -> assertThat(at).asString().isEqualTo("2026-12-02T10:41:42.123Z"));
    }
}
