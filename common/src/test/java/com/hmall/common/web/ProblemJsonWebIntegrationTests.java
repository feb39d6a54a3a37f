package com.hmall.common.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

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

        @GetMapping("/things/{id}")
        long get(@PathVariable long id) {
            return id;
        }

        @PostMapping("/things")
        Thing create(@RequestBody Thing thing) {
            return thing;
        }
    }

    record Thing(String name, Long amount) {
    }
}
