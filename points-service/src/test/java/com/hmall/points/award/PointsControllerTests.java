package com.hmall.points.award;

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

@WebMvcTest(PointsController.class)
class PointsControllerTests {

    private static final String VALID_NOTICE =
            "{\"userId\":1,\"bizOrderNo\":17,\"payOrderNo\":\"p-1\",\"amount\":12345}";

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    PointsService pointsService;

    @Test
    void shouldAnswer201WithTheNewAward() {
        given(pointsService.award(any(PaymentNotice.class))).willReturn(new PointsService.Awarded(award(), true));

        assertThat(post(VALID_NOTICE))
                .hasStatus(HttpStatus.CREATED)
                .bodyJson()
                .hasPathSatisfying("$.points", points -> assertThat(points).asNumber().isEqualTo(123))
                .hasPathSatisfying("$.payOrderNo", no -> assertThat(no).asString().isEqualTo("p-1"));
    }

    @Test
    void shouldAnswer200WithTheExistingAwardForARepeat() {
        given(pointsService.award(any(PaymentNotice.class))).willReturn(new PointsService.Awarded(award(), false));

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
        verifyNoInteractions(pointsService);
    }

    @Test
    void shouldShowAUsersPoints() {
        given(pointsService.findByUser(1L)).willReturn(new UserPoints(1, 123,
                List.of(new UserPoints.Entry(17, "p-1", 123, Instant.parse("2026-11-24T10:41:42.123Z")))));

        assertThat(mvc.get().uri("/points/1"))
                .hasStatusOk()
                .bodyJson()
                .hasPathSatisfying("$.total", total -> assertThat(total).asNumber().isEqualTo(123))
                .hasPathSatisfying("$.history[0].createdAt",
                        at -> assertThat(at).asString().isEqualTo("2026-11-24T10:41:42.123Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "abc", "1.5"})
    void shouldRejectAUserIdThatIsNotAPositiveNumber(String userId) {
        assertThat(mvc.get().uri("/points/{userId}", userId))
                .hasStatus(HttpStatus.BAD_REQUEST)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson()
                .hasPathSatisfying("$.code", code -> assertThat(code).asString().isEqualTo("VALIDATION_FAILED"));
        verifyNoInteractions(pointsService);
    }

    private MvcTestResult post(String body) {
        return mvc.post().uri("/points/awards").contentType(MediaType.APPLICATION_JSON).content(body).exchange();
    }

    private static PointsAwardView award() {
        return new PointsAwardView(5, 1, 17, "p-1", 12345, 123, Instant.parse("2026-11-24T10:41:42.123Z"));
    }
}
