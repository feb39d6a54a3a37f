package com.hmall.console.spans;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.hmall.console.payments.TraceBuilder;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import zipkin2.Span;
import zipkin2.codec.SpanBytesEncoder;

/** The collector over real HTTP, as a service's Zipkin reporter calls it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SpanCollectorIntegrationTests {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @LocalServerPort
    int port;

    @Autowired
    SpanStore store;

    @Autowired
    JsonMapper jsonMapper;

    @Test
    void shouldTakeABatchAndShowItsPaymentInApiPayments() throws Exception {
        String traceId = "c1000000000000000000000000000001";
        HttpResponse<String> posted = post(json(syncPayment(traceId)), "application/json", null);

        assertThat(posted.statusCode()).isEqualTo(202);
        JsonNode payments = getJson("/api/payments?limit=200");
        JsonNode payment = find(payments, traceId);
        assertThat(payment).as("payment of trace " + traceId).isNotNull();
        assertThat(payment.path("mode").asString()).isEqualTo("sync");
        assertThat(payment.path("status").asString()).isEqualTo("SUCCESS");
        assertThat(payment.path("lanes").size()).isEqualTo(2);
        assertThat(payment.path("lanes").get(0).path("service").asString()).isEqualTo("user-service");
        assertThat(payment.path("lanes").get(0).path("startMs").asDouble()).isEqualTo(3.0);
    }

    @Test
    void shouldTakeAGzippedBatchAsSpringBootsReporterSendsIt() throws Exception {
        String traceId = "c2000000000000000000000000000002";
        HttpResponse<String> posted = post(gzip(json(syncPayment(traceId))), "application/json", "gzip");

        assertThat(posted.statusCode()).isEqualTo(202);
        assertThat(find(getJson("/api/payments?limit=200"), traceId)).isNotNull();
    }

    @Test
    void shouldListTheNewestPaymentsFirstAndHonourTheLimit() throws Exception {
        post(json(syncPayment("c3000000000000000000000000000003")), "application/json", null);
        JsonNode one = getJson("/api/payments?limit=1");
        assertThat(one.size()).isEqualTo(1);

        for (String limit : List.of("0", "201", "x", "-1")) {
            HttpResponse<String> refused = get("/api/payments?limit=" + limit);
            assertThat(refused.statusCode()).as(limit).isEqualTo(400);
            assertThat(jsonMapper.readTree(refused.body()).path("code").asString()).isEqualTo("VALIDATION_FAILED");
        }
    }

    @Test
    void shouldRefuseMalformedOrHostileBatchesAndStoreNoneOfThem() throws Exception {
        String good = spanJson("d1000000000000000000000000000001", "0000000000000aaa", "\"name\":\"balance payment\"");
        List<String> hostile = List.of(
                "[",
                "{\"traceId\":\"x\"}",
                "[1, 2]",
                "[" + good + ",{\"traceId\":\"d2\",\"id\":\"0000000000000001\",\"timestamp\":1764633600000000}]",
                "[" + good + "," + spanJson("d1000000000000000000000000000001", "zz00000000000001", "") + "]",
                "[" + spanJson("00000000000000000000000000000000", "0000000000000001", "") + "]",
                "[" + spanJson("D1000000000000000000000000000001", "0000000000000001", "") + "]",
                "[" + good + "," + spanJson("d1000000000000000000000000000001", "0000000000000002", "\"duration\":-5")
                        + "]",
                "[" + spanJson("d1000000000000000000000000000001", "0000000000000002", "\"duration\":\"5\"") + "]",
                "[{\"traceId\":\"d1000000000000000000000000000001\",\"id\":\"0000000000000003\",\"timestamp\":99}]",
                "[{\"traceId\":\"d1000000000000000000000000000001\",\"id\":\"0000000000000003\","
                        + "\"timestamp\":99999999999999999}]",
                "[" + spanJson("d1000000000000000000000000000001", "0000000000000004",
                        "\"name\":\"" + "n".repeat(1025) + "\"") + "]",
                "[" + spanJson("d1000000000000000000000000000001", "0000000000000004",
                        "\"tags\":{\"k\":\"" + "v".repeat(8 * 1024 + 1) + "\"}") + "]",
                "[" + spanJson("d1000000000000000000000000000001", "0000000000000004", "\"tags\":{\"k\":5}") + "]",
                "[" + spanJson("d1000000000000000000000000000001", "0000000000000004", "\"kind\":\"SIDEWAYS\"") + "]",
                "[" + spanJson("d1000000000000000000000000000001", "0000000000000004",
                        "\"localEndpoint\":{\"serviceName\":[1]}") + "]",
                "[" + good.replace("}", ",\"name\":\"twice\"}") + "]");
        int tracesBefore = store.traceCount();
        for (String body : hostile) {
            HttpResponse<String> refused = post(body.getBytes(StandardCharsets.UTF_8), "application/json", null);
            assertThat(refused.statusCode()).as(abbreviate(body)).isEqualTo(400);
            assertProblem(refused, "VALIDATION_FAILED");
        }

        byte[] notUtf8 = ("[" + spanJson("d1000000000000000000000000000001", "0000000000000005", "\"name\":\"xx\"") + "]")
                .getBytes(StandardCharsets.UTF_8);
        int x = indexOf(notUtf8, (byte) 'x');
        notUtf8[x] = (byte) 0xC0;
        notUtf8[x + 1] = (byte) 0xAF;
        assertProblem(post(notUtf8, "application/json", null), "VALIDATION_FAILED");
        assertProblem(post("not gzip".getBytes(), "application/json", "gzip"), "VALIDATION_FAILED");

        assertThat(store.traceCount()).isEqualTo(tracesBefore);
        assertThat(find(getJson("/api/payments?limit=200"), "d1000000000000000000000000000001")).isNull();
    }

    @Test
    void shouldRefuseBatchesAboveTheLimitsWith413() throws Exception {
        int tracesBefore = store.traceCount();
        StringBuilder many = new StringBuilder("[");
        for (int i = 1; i <= SpanBatchReader.MAX_SPANS + 1; i++) {
            many.append(i == 1 ? "" : ",").append(spanJson("e1000000000000000000000000000001", String.format("%016x", i), ""));
        }
        HttpResponse<String> tooMany = post(many.append("]").toString().getBytes(StandardCharsets.UTF_8), "application/json", null);
        assertThat(tooMany.statusCode()).isEqualTo(413);
        assertProblem(tooMany, "PAYLOAD_TOO_LARGE");

        byte[] huge = new byte[SpanBatchReader.MAX_BODY_BYTES + 10];
        Arrays.fill(huge, (byte) ' ');
        huge[0] = '[';
        huge[huge.length - 1] = ']';
        HttpResponse<String> tooBig = post(huge, "application/json", null);
        assertThat(tooBig.statusCode()).isEqualTo(413);
        assertProblem(tooBig, "PAYLOAD_TOO_LARGE");
        // Small on the wire, too big unpacked: a gzip bomb is cut off at the limit.
        HttpResponse<String> bomb = post(gzip(huge), "application/json", "gzip");
        assertThat(bomb.statusCode()).isEqualTo(413);

        assertThat(store.traceCount()).isEqualTo(tracesBefore);
    }

    @Test
    void shouldRefuseOtherMediaTypesAndEncodings() throws Exception {
        byte[] body = json(syncPayment("f1000000000000000000000000000001"));
        assertThat(post(body, "text/plain", null).statusCode()).isEqualTo(415);
        assertThat(post(body, "application/x-protobuf", null).statusCode()).isEqualTo(415);
        HttpResponse<String> brotli = post(body, "application/json", "br");
        assertThat(brotli.statusCode()).isEqualTo(415);
        assertProblem(brotli, "UNSUPPORTED_MEDIA_TYPE");
        HttpResponse<String> latin1 = post(body, "application/json; charset=ISO-8859-1", null);
        assertThat(latin1.statusCode()).isEqualTo(415);
        assertProblem(latin1, "UNSUPPORTED_MEDIA_TYPE");
        assertThat(post(body, "application/json; charset=no-such-charset", null).statusCode()).isEqualTo(415);
        assertThat(find(getJson("/api/payments?limit=200"), "f1000000000000000000000000000001")).isNull();

        assertThat(post(body, "application/json; charset=UTF-8", null).statusCode()).as("UTF-8 said aloud").isEqualTo(202);
        assertThat(find(getJson("/api/payments?limit=200"), "f1000000000000000000000000000001")).isNotNull();
    }

    static List<Span> syncPayment(String traceId) {
        TraceBuilder trace = new TraceBuilder(traceId);
        Span payment = trace.payment("sync", "SUCCESS", 40);
        trace.feignStep(payment, "deduct", "user-service", 1, 20, 3.0, 15.0, false);
        trace.localStep(payment, "pay-order", 22, 2, false);
        return shiftToNow(trace.spans());
    }

    /** The collector takes no span from before 2000 or from the future: these are from now. */
    private static List<Span> shiftToNow(List<Span> spans) {
        long shift = System.currentTimeMillis() * 1000 - TraceBuilder.ORIGIN_MICROS - 60_000_000;
        List<Span> shifted = new ArrayList<>();
        for (Span span : spans) {
            shifted.add(span.toBuilder().timestamp(span.timestampAsLong() + shift).build());
        }
        return shifted;
    }

    private static String spanJson(String traceId, String id, String more) {
        return "{\"traceId\":\"" + traceId + "\",\"id\":\"" + id + "\",\"timestamp\":" + System.currentTimeMillis() * 1000
                + ",\"duration\":10,\"localEndpoint\":{\"serviceName\":\"x-service\"}" + (more.isEmpty() ? "" : "," + more)
                + "}";
    }

    private static byte[] json(List<Span> spans) {
        return SpanBytesEncoder.JSON_V2.encodeList(spans);
    }

    static byte[] gzip(byte[] body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(body);
        }
        return out.toByteArray();
    }

    private HttpResponse<String> post(byte[] body, String contentType, String contentEncoding) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v2/spans"))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentEncoding != null) {
            request.header("Content-Encoding", contentEncoding);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode getJson(String path) throws Exception {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return jsonMapper.readTree(response.body());
    }

    private void assertProblem(HttpResponse<String> response, String code) {
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = jsonMapper.readTree(response.body());
        assertThat(problem.path("code").asString()).as(response.body()).isEqualTo(code);
        assertThat(problem.path("status").asInt()).isEqualTo(response.statusCode());
    }

    private static JsonNode find(JsonNode payments, String traceId) {
        for (JsonNode payment : payments) {
            if (traceId.equals(payment.path("traceId").asString())) {
                return payment;
            }
        }
        return null;
    }

    private static int indexOf(byte[] bytes, byte wanted) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == wanted && i > 0 && bytes[i - 1] == '"' && bytes[i + 1] == 'x') {
                return i;
            }
        }
        throw new IllegalStateException("no \"xx\" in the body");
    }

    private static String abbreviate(String body) {
        return body.length() > 120 ? body.substring(0, 120) + "…" : body;
    }
}
