package com.hmall.starter.messaging;

import static com.hmall.starter.messaging.PaymentMessages.notice;
import static com.hmall.starter.messaging.PaymentMessages.uniquePayOrderNo;
import static com.hmall.starter.messaging.PaymentMessages.uniqueUserId;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.web.client.RestClient;

import com.hmall.payevents.PaymentNotice;
import com.hmall.starter.chaos.ChaosKnobs;
import com.hmall.starter.chaos.ChaosSettings;
import com.hmall.testing.Concurrently;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every sync endpoint taking a {@link PaymentNotice} promises ({@code POST /notifications},
 * {@code POST /points/awards}), against the real database through the whole web stack: one effect
 * per {@code payOrderNo}, answered {@code 201} when made and {@code 200} with the same effect on a
 * repeat; {@code payOrderNo} compared byte for byte; one effect from concurrent identical calls;
 * {@code 400 VALIDATION_FAILED} problem JSON for every invalid notice, with nothing changed; and
 * {@code 503 SERVICE_UNAVAILABLE} during a chaos outage, the service answering again after it. A
 * service's test extends this and says only its path, how its effect is counted and read, and what
 * its own rule is.
 *
 * <p>The context must run on a real port (concurrent calls go through it), with MockMvc and the chaos
 * knobs on ({@code demo.chaos.enabled=true}).
 */
public abstract class AbstractPaymentNoticeEndpointContractTest {

    private static final int CONCURRENT_CALLS = 10;

    @Autowired
    protected MockMvcTester mvc;

    @Autowired
    protected JsonMapper jsonMapper;

    @Autowired
    private ChaosKnobs chaosKnobs;

    @LocalServerPort
    private int port;

    private final String path;

    /** For the endpoint at {@code path} that takes the notice. */
    protected AbstractPaymentNoticeEndpointContractTest(String path) {
        this.path = path;
    }

    /** How many effects this {@code payOrderNo} has, counted in the database: 1 once made, 0 before, never more. */
    protected abstract long effectsOf(String payOrderNo);

    /** The service's read of a user's effects, as it answers ({@code GET}). */
    protected abstract MvcTestResult readFor(long userId);

    /**
     * The service's own rule on the effect the endpoint answered for {@code notice} (what it computed
     * and shows): 123.45 yuan (12345 fen) for trade order 17, the user's only payment.
     */
    protected abstract void assertEffectOf(PaymentNotice notice, MvcTestResult answer);

    /** What {@link #readFor} shows the user after exactly these payments. */
    protected abstract void assertUserSees(long userId, List<PaymentNotice> payments);

    /** The JSON {@link #readFor} answers, leniently compared, for a user with no effect at all. */
    protected abstract String nothingFor(long userId);

    /** The knobs are shared by the whole context: every test leaves them calm, pass or fail. */
    @AfterEach
    void calmDown() {
        chaosKnobs.apply(ChaosSettings.CALM);
    }

    @Test
    void shouldMakeOneEffectAndAnswerARepeatWithTheSameOne() {
        PaymentNotice notice = notice(uniqueUserId(), uniquePayOrderNo(), 12345);

        MvcTestResult first = post(notice);
        MvcTestResult repeat = post(notice);

        assertThat(first).hasStatus(HttpStatus.CREATED);
        assertThat(first).bodyJson()
                .hasPathSatisfying("$.userId", id -> assertThat(id).asNumber()
                        .satisfies(number -> assertThat(number.longValue()).isEqualTo(notice.userId())))
                .hasPathSatisfying("$.payOrderNo", no -> assertThat(no).asString().isEqualTo(notice.payOrderNo()));
        assertThat(repeat).hasStatus(HttpStatus.OK);
        assertThat(body(repeat)).as("the repeat answers the same effect").isEqualTo(body(first));
        assertThat(effectsOf(notice.payOrderNo())).isEqualTo(1);
        assertEffectOf(notice, first);
        assertUserSees(notice.userId(), List.of(notice));
    }

    /** Identifiers compare byte for byte: another case or a trailing space is another payment. */
    @Test
    void shouldTellPayOrderNumbersApartThatDifferOnlyInCaseOrATrailingSpace() {
        long userId = uniqueUserId();
        String payOrderNo = "Pay-" + uniquePayOrderNo();
        List<PaymentNotice> variants = List.of(payOrderNo, payOrderNo.toLowerCase(), payOrderNo.toUpperCase(),
                payOrderNo + " ").stream().map(variant -> notice(userId, variant, 100)).toList();

        for (PaymentNotice variant : variants) {
            MvcTestResult made = post(variant);
            assertThat(made).as(variant.payOrderNo()).hasStatus(HttpStatus.CREATED);
            assertThat(made).bodyJson().hasPathSatisfying("$.payOrderNo",
                    no -> assertThat(no).asString().isEqualTo(variant.payOrderNo()));
        }

        assertUserSees(userId, variants);
        for (PaymentNotice variant : variants) {
            assertThat(effectsOf(variant.payOrderNo())).as(variant.payOrderNo()).isEqualTo(1);
        }
    }

    @Test
    void shouldMakeExactlyOneEffectFromConcurrentCalls() throws Exception {
        PaymentNotice notice = notice(uniqueUserId(), uniquePayOrderNo(), 50_000);
        String body = jsonMapper.writeValueAsString(notice);
        RestClient client = RestClient.create("http://127.0.0.1:" + port);
        List<HttpStatus> statuses = Concurrently.call(CONCURRENT_CALLS, i -> HttpStatus.valueOf(client.post()
                .uri(path).contentType(MediaType.APPLICATION_JSON).body(body)
                .retrieve().toBodilessEntity().getStatusCode().value()));

        assertThat(statuses).containsOnlyOnce(HttpStatus.CREATED).containsOnly(HttpStatus.CREATED, HttpStatus.OK);
        assertThat(effectsOf(notice.payOrderNo())).isEqualTo(1);
        assertUserSees(notice.userId(), List.of(notice));
    }

    /**
     * Each body of the catalogue, made this test's own (its user and pay order, where it has them),
     * is refused as problem JSON and leaves no effect, by pay order or by user.
     */
    @ParameterizedTest
    @MethodSource("com.hmall.starter.messaging.PaymentMessages#invalidNoticeBodies")
    void shouldRefuseAnInvalidNoticeAndChangeNothing(String catalogueBody) {
        long userId = uniqueUserId();
        String payOrderNo = uniquePayOrderNo();
        String body = catalogueBody.replace("\"userId\":1,", "\"userId\":" + userId + ",")
                .replace("\"p-1\"", "\"" + payOrderNo + "\"");

        assertThat(post(body))
                .hasStatus(HttpStatus.BAD_REQUEST)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson()
                .hasPathSatisfying("$.code", code -> assertThat(code).asString().isEqualTo("VALIDATION_FAILED"));
        assertThat(effectsOf(payOrderNo)).isZero();
        assertSeesNothing(userId);
    }

    @Test
    void shouldShowNothingForAUserWhoNeverPaid() {
        assertSeesNothing(uniqueUserId());
    }

    @Test
    void shouldRefuseRequestsDuringAnOutageAndAnswerAgainAfterIt() {
        PaymentNotice notice = notice(uniqueUserId(), uniquePayOrderNo(), 4200);
        assertThat(putChaos("{\"latencyMs\":0,\"outage\":true}")).hasStatusOk();

        assertThat(post(notice))
                .hasStatus(HttpStatus.SERVICE_UNAVAILABLE)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson()
                .hasPathSatisfying("$.code", code -> assertThat(code).asString().isEqualTo("SERVICE_UNAVAILABLE"));
        assertThat(readFor(notice.userId())).hasStatus(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(effectsOf(notice.payOrderNo())).as("nothing made during the outage").isZero();

        assertThat(putChaos("{\"latencyMs\":0,\"outage\":false}")).hasStatusOk();

        assertThat(post(notice)).hasStatus(HttpStatus.CREATED);
        assertThat(effectsOf(notice.payOrderNo())).isEqualTo(1);
    }

    protected MvcTestResult post(PaymentNotice notice) {
        return post(jsonMapper.writeValueAsString(notice));
    }

    private MvcTestResult post(String body) {
        return mvc.post().uri(path).contentType(MediaType.APPLICATION_JSON).content(body).exchange();
    }

    private MvcTestResult putChaos(String settings) {
        return mvc.put().uri("/demo/chaos").contentType(MediaType.APPLICATION_JSON).content(settings).exchange();
    }

    private void assertSeesNothing(long userId) {
        assertThat(readFor(userId)).hasStatusOk().bodyJson().isLenientlyEqualTo(nothingFor(userId));
    }

    private JsonNode body(MvcTestResult result) {
        return jsonMapper.readTree(result.getResponse().getContentAsByteArray());
    }
}
