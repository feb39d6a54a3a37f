package com.hmall.starter.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.verifyNoInteractions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import com.hmall.payevents.PaymentNotice;

/**
 * What every controller taking a {@link PaymentNotice} on its sync endpoint promises, in a
 * {@code @WebMvcTest} slice with its service mocked: {@code 201} with the new effect, {@code 200}
 * with the existing one for a repeat, and {@code 400 VALIDATION_FAILED} problem JSON, without calling
 * the service, for every invalid notice and for a user id that is not a positive number on its read
 * endpoint. A controller's test extends this and says its path, how its service is stubbed and
 * read, and what its own answer shows.
 */
public abstract class AbstractPaymentNoticeControllerTest {

    /** A notice the controller accepts: user 1, trade order 17, pay order {@code p-1}, 123.45 yuan. */
    protected static final String VALID_NOTICE =
            "{\"userId\":1,\"bizOrderNo\":17,\"payOrderNo\":\"p-1\",\"amount\":12345}";

    @Autowired
    protected MockMvcTester mvc;

    private final String path;

    /** For the controller whose sync endpoint is at {@code path}. */
    protected AbstractPaymentNoticeControllerTest(String path) {
        this.path = path;
    }

    /**
     * Makes the mocked service answer any notice with its effect for {@link #VALID_NOTICE}, id 5,
     * made by this request ({@code created}) or found from an earlier one.
     */
    protected abstract void givenTheServiceAnswers(boolean created);

    /** The mocked service: a refused request never reaches it. */
    protected abstract Object service();

    /** The controller's read endpoint for this user id, as the URL spells it. */
    protected abstract MvcTestResult readFor(String userId);

    /** What the controller's own answer shows of the new effect (the {@code 201} body). */
    protected abstract void assertNewEffectIn(MvcTestResult answer);

    @Test
    void shouldAnswer201WithTheNewEffect() {
        givenTheServiceAnswers(true);

        MvcTestResult answer = post(VALID_NOTICE);

        assertThat(answer)
                .hasStatus(HttpStatus.CREATED)
                .bodyJson()
                .hasPathSatisfying("$.id", id -> assertThat(id).asNumber().isEqualTo(5))
                .hasPathSatisfying("$.payOrderNo", no -> assertThat(no).asString().isEqualTo("p-1"));
        assertNewEffectIn(answer);
    }

    @Test
    void shouldAnswer200WithTheExistingEffectForARepeat() {
        givenTheServiceAnswers(false);

        assertThat(post(VALID_NOTICE))
                .hasStatus(HttpStatus.OK)
                .bodyJson()
                .hasPathSatisfying("$.id", id -> assertThat(id).asNumber().isEqualTo(5));
    }

    @ParameterizedTest
    @MethodSource("com.hmall.starter.messaging.PaymentMessages#invalidNoticeBodies")
    void shouldRejectAnInvalidNotice(String body) {
        assertValidationFailed(post(body));
        verifyNoInteractions(service());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "-3", "abc", "1.5"})
    void shouldRejectAUserIdThatIsNotAPositiveNumber(String userId) {
        assertValidationFailed(readFor(userId));
        verifyNoInteractions(service());
    }

    protected static void assertValidationFailed(MvcTestResult result) {
        assertThat(result)
                .hasStatus(HttpStatus.BAD_REQUEST)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson()
                .hasPathSatisfying("$.code", code -> assertThat(code).asString().isEqualTo("VALIDATION_FAILED"));
    }

    private MvcTestResult post(String body) {
        return mvc.post().uri(path).contentType(MediaType.APPLICATION_JSON).content(body).exchange();
    }
}
