package com.hmall.starter.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What reaches a real Tomcat, not MockMvc: paths Tomcat itself refuses before any Spring code runs,
 * path parameters, lenient number parsing, JSON of the wrong type and the {@code /error} page. Every
 * answer is problem JSON.
 */
@SpringBootTest(classes = ProblemJsonWebIntegrationTests.App.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {"server.error.include-stacktrace=never", "server.error.include-message=never"})
class ProblemJsonWebIntegrationTests {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String VALID_THING = "{\"name\":\"x\",\"amount\":100}";

    @LocalServerPort
    int port;

    @Test
    void shouldServeAPlainId() throws Exception {
        HttpResponse<String> response = get("/things/7");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("7");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/things/..%2F..%2Fetc", "/things/%00", "/things/..%5C..%5Cetc",
        "/things/../../etc/passwd"})
    void shouldAnswerAPathTomcatRefusesWithProblemJson(String path) throws Exception {
        assertProblem(get(path), 400, "VALIDATION_FAILED");
    }

    @Test
    void shouldAnswerARequestLineTooLongForTomcatWithProblemJson() throws Exception {
        HttpResponse<String> response = get("/things/" + "9".repeat(10_000));

        assertThat(response.statusCode()).isBetween(400, 499);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/things/1;drop", "/things/1;jsessionid=x", "/things;x/1"})
    void shouldRefusePathParametersInsteadOfCuttingThemOff(String path) throws Exception {
        assertProblem(get(path), 400, "VALIDATION_FAILED");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/things/0x10", "/things/%2010", "/things/10%20", "/things/%2310", "/things/1e3",
        "/things/+10", "/things/%EF%BC%91%EF%BC%90", "/things/99999999999999999999"})
    void shouldReadIdsAsPlainDecimalNumbers(String path) throws Exception {
        assertProblem(get(path), 400, "VALIDATION_FAILED");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/things?limit=0x10", "/things?limit=%2010", "/things?limit=%2310", "/things?limit=+16",
        "/things?limit=%EF%BC%91%EF%BC%96", "/things?limit=99999999999"})
    void shouldReadANumberInTheQueryAsPlainDecimalToo(String path) throws Exception {
        assertProblem(get(path), 400, "VALIDATION_FAILED");
    }

    @Test
    void shouldReadAPlainDecimalNumberInTheQuery() throws Exception {
        HttpResponse<String> response = get("/things?limit=16");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("16");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"name\":123,\"amount\":1}", "{\"name\":true,\"amount\":1}",
        "{\"name\":\"x\",\"amount\":1.5}", "{\"name\":\"x\",\"amount\":\"1\"}"})
    void shouldRefuseAJsonValueOfTheWrongType(String body) throws Exception {
        HttpRequest post = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/things"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();

        HttpResponse<String> response = HTTP.send(post, HttpResponse.BodyHandlers.ofString());

        assertProblem(response, 400, "VALIDATION_FAILED");
    }

    /** An error answer means nothing happened: the endpoint never ran. */
    @ParameterizedTest
    @ValueSource(strings = {"application/xml", "text/html", "application/yaml", "text/plain;q=1", "image/*",
        "not a media type"})
    void shouldRefuseAnAcceptNoJsonMeetsBeforeTheEndpointRuns(String accept) throws Exception {
        int before = ThingController.created.get();

        HttpResponse<String> response = post("/things", "application/json", accept, VALID_THING);

        assertProblem(response, 406, "NOT_ACCEPTABLE");
        assertThat(ThingController.created.get()).as("the endpoint did not run").isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "application/*", "*/*", "application/problem+json",
        "application/xml, application/json;q=0.1", "text/html, */*;q=0.1"})
    void shouldServeAnAcceptJsonMeets(String accept) throws Exception {
        HttpResponse<String> response = post("/things", "application/json", accept, VALID_THING);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).path("amount").asLong()).isEqualTo(100);
    }

    @ParameterizedTest
    @ValueSource(strings = {"*/*", "application/*", "*/json", "json", "application/json; charset=ISO-8859-1",
        "application/json; charset=UTF-16"})
    void shouldAnswerAWildcardOrForeignContentTypeWith415BeforeTheEndpointRuns(String contentType) throws Exception {
        int before = ThingController.created.get();

        assertProblem(post("/things", contentType, null, VALID_THING), 415, "UNSUPPORTED_MEDIA_TYPE");
        assertThat(ThingController.created.get()).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/things/1?x=%ff", "/things/1?x=1&y=%zz", "/things/1?x=1&&&&=&", "/things/1?=1",
        "/things/1?x=%", "/things/1?x=%c0%af"})
    void shouldAnswerAQueryStringThatDoesNotDecodeWith400(String path) throws Exception {
        // Sent as raw bytes: java.net.URI refuses to build such a request at all.
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(answer).startsWith("HTTP/1.1 400").contains("application/problem+json")
                    .contains("\"code\":\"VALIDATION_FAILED\"");
        }
    }

    /** {@code C0 AF} is an overlong {@code /}: malformed UTF-8, whatever a lenient decoder makes of it. */
    @ParameterizedTest
    @ValueSource(strings = {"c0af", "e080af", "f08080af", "ed a0 80", "ff", "80"})
    void shouldRefuseABodyThatIsNotWellFormedUtf8(String hex) throws Exception {
        byte[] bad = java.util.HexFormat.of().parseHex(hex.replace(" ", ""));
        byte[] head = "{\"name\":\"a".getBytes(StandardCharsets.UTF_8);
        byte[] tail = "b\",\"amount\":1}".getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + bad.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(bad, 0, body, head.length, bad.length);
        System.arraycopy(tail, 0, body, head.length + bad.length, tail.length);
        int before = ThingController.created.get();

        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/things")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());

        assertProblem(response, 400, "VALIDATION_FAILED");
        assertThat(ThingController.created.get()).isEqualTo(before);
    }

    @Test
    void shouldReadWellFormedUtf8() throws Exception {
        HttpResponse<String> response = post("/things", "application/json; charset=utf-8", null,
                "{\"name\":\"支付 é 😀\",\"amount\":1}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).path("name").asString()).isEqualTo("支付 é 😀");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"name\":\"x\",\"amount\":1,\"amount\":100}", "{\"name\":\"x\",\"name\":\"y\",\"amount\":1}",
        "{\"name\":\"x\",\"amount\":1,\"extra\":{\"k\":1,\"k\":2}}"})
    void shouldRefuseAKeyGivenTwice(String body) throws Exception {
        assertProblem(post("/things", "application/json", null, body), 400, "VALIDATION_FAILED");
    }

    @ParameterizedTest
    @ValueSource(strings = {"HTTP/2.0", "HTTP/9.9", "HTTP/1.2"})
    void shouldNameAnHttpVersionItDoesNotSpeak(String version) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.getOutputStream().write(("GET /things/1 " + version + "\r\nHost: x\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(answer).startsWith("HTTP/1.1 505");
            assertThat(answer).contains("application/problem+json").contains("\"code\":\"HTTP_VERSION_NOT_SUPPORTED\"")
                    .doesNotContain("Tomcat");
        }
    }

    @Test
    void shouldAnswerTheErrorPathItselfWithNotFound() throws Exception {
        assertProblem(get("/error"), 404, "NOT_FOUND");
    }

    private void assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("code").asString()).isEqualTo(code);
        assertThat(problem.path("title").asString()).isNotBlank();
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("Tomcat").doesNotContain("<html");
    }

    private HttpResponse<String> post(String path, String contentType, String accept, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (accept != null) {
            request.header("Accept", accept);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(ThingController.class)
    static class App {
    }

    @RestController
    static class ThingController {

        /** How many things the endpoint made: it must not run for a request that is refused. */
        static final java.util.concurrent.atomic.AtomicInteger created = new java.util.concurrent.atomic.AtomicInteger();

        @GetMapping("/things/{id}")
        long get(@PathVariable long id) {
            return id;
        }

        @GetMapping("/things")
        int count(@org.springframework.web.bind.annotation.RequestParam int limit) {
            return limit;
        }

        @PostMapping("/things")
        Thing create(@RequestBody Thing thing) {
            created.incrementAndGet();
            return thing;
        }
    }

    record Thing(String name, Long amount, java.util.Map<String, Object> extra) {
    }
}
