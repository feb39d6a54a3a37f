package com.hmall.points.award;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import com.hmall.payevents.PaymentNotice;
import com.hmall.starter.messaging.AbstractPaymentNoticeControllerTest;

/** {@link PointsController} keeps the sync endpoint's controller contract; its own: the points it answers, and a user's points by path. */
@WebMvcTest(PointsController.class)
class PointsControllerTests extends AbstractPaymentNoticeControllerTest {

    @MockitoBean
    PointsService pointsService;

    PointsControllerTests() {
        super("/points/awards");
    }

    @Override
    protected void givenTheServiceAnswers(boolean created) {
        given(pointsService.award(any(PaymentNotice.class))).willReturn(new PointsService.Awarded(award(), created));
    }

    @Override
    protected Object service() {
        return pointsService;
    }

    @Override
    protected MvcTestResult readFor(String userId) {
        return mvc.get().uri("/points/{userId}", userId).exchange();
    }

    @Override
    protected void assertNewEffectIn(MvcTestResult answer) {
        assertThat(answer)
                .bodyJson()
                .hasPathSatisfying("$.points", points -> assertThat(points).asNumber().isEqualTo(123));
    }

    @Test
    void shouldShowAUsersPoints() {
        given(pointsService.findByUser(1L)).willReturn(new UserPoints(1, 123,
                List.of(new UserPoints.Entry(17, "p-1", 123, Instant.parse("2026-11-24T10:41:42.123Z")))));

        assertThat(readFor("1"))
                .hasStatusOk()
                .bodyJson()
                .hasPathSatisfying("$.total", total -> assertThat(total).asNumber().isEqualTo(123))
                .hasPathSatisfying("$.history[0].createdAt",
                        at -> assertThat(at).asString().isEqualTo("2026-11-24T10:41:42.123Z"));
    }

    private static PointsAwardView award() {
        return new PointsAwardView(5, 1, 17, "p-1", 12345, 123, Instant.parse("2026-11-24T10:41:42.123Z"));
    }
}
