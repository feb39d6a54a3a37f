package com.hmall.starter.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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

/** The API document a service gets from common: its problem answers, declared and implied. */
@SpringBootTest(classes = ApiDocsAutoConfigurationTests.App.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = "spring.application.name=thing-service")
class ApiDocsAutoConfigurationTests {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    private JsonNode docs;

    @BeforeEach
    void fetchDocs() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/v3/api-docs")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        docs = JSON.readTree(response.body());
    }

    @Test
    void shouldNameTheDocumentAfterTheService() {
        assertThat(docs.at("/info/title").asString()).isEqualTo("thing-service");
    }

    @Test
    void shouldGroupTheDeclaredCodesByStatusWithAnExampleOfEach() {
        JsonNode responses = responsesOf("/things/{id}/payments", "post");

        JsonNode unprocessable = responses.get("422");
        assertThat(unprocessable.get("description").asString()).contains("WRONG_PASSWORD", "INSUFFICIENT_BALANCE");
        JsonNode problemJson = unprocessable.at("/content/application~1problem+json");
        assertThat(problemJson.at("/schema/$ref").asString()).isEqualTo("#/components/schemas/Problem");
        assertThat(problemJson.get("examples").propertyNames())
                .containsExactly("WRONG_PASSWORD", "INSUFFICIENT_BALANCE");
        JsonNode wrongPassword = problemJson.at("/examples/WRONG_PASSWORD/value");
        assertThat(wrongPassword.get("title").asString()).isEqualTo(ErrorCode.WRONG_PASSWORD.title());
        assertThat(wrongPassword.get("status").asInt()).isEqualTo(422);
        assertThat(wrongPassword.get("code").asString()).isEqualTo("WRONG_PASSWORD");
        assertThat(wrongPassword.get("detail").asString()).isNotBlank();
        assertThat(wrongPassword.get("instance").asString()).isEqualTo("/things/1/payments");
        assertThat(wrongPassword.has("type")).as("about:blank is left out, as on the wire").isFalse();
        assertThat(responses.at("/423/content/application~1problem+json/examples/PAYMENT_LOCKED/value/code")
                .asString()).isEqualTo("PAYMENT_LOCKED");
    }

    @Test
    void shouldShowTheDetailAnEndpointGivesForItsCode() {
        JsonNode notFound = responsesOf("/things/{id}/payments", "post")
                .at("/404/content/application~1problem+json/examples/NOT_FOUND/value");

        assertThat(notFound.get("detail").asString()).isEqualTo("Thing 1 does not exist");
    }

    @Test
    void shouldNameTheFailedServiceInADownstreamFailure() {
        JsonNode failed = responsesOf("/things/{id}/payments", "post")
                .at("/502/content/application~1problem+json/examples/DOWNSTREAM_FAILED/value");

        assertThat(failed.get("service").asString()).isEqualTo("notify-service");
        assertThat(failed.get("detail").asString()).startsWith("notify-service ");
    }

    @Test
    void shouldGiveEveryOperationValidationFailedAndServiceUnavailable() {
        JsonNode responses = responsesOf("/things/{id}", "get");

        assertThat(responses.propertyNames()).containsExactly("200", "400", "503");
        assertThat(responses.at("/400/content/application~1problem+json/examples/VALIDATION_FAILED/value/detail")
                .asString()).isEqualTo("'id' has an invalid value");
        assertThat(responses.at("/200/content").propertyNames()).containsExactly("application/json");
    }

    @Test
    void shouldLeaveServiceUnavailableOutOfTheChaosKnobs() {
        assertThat(responsesOf("/demo/knob", "get").propertyNames()).containsExactly("200", "400");
    }

    @Test
    void shouldListEveryCodeInTheProblemSchema() {
        assertThat(docs.at("/components/schemas/Problem/properties/code/enum").toString())
                .contains("DOWNSTREAM_FAILED", "ALREADY_PAID", "VALIDATION_FAILED", "SERVICE_UNAVAILABLE");
    }

    /** The document says what the server enforces: the same annotations, read for both. */
    @Test
    void shouldDescribeTheValidationRulesOfARequestBody() {
        JsonNode order = docs.at("/components/schemas/OrderRequest/properties");

        assertThat(order.at("/userId/exclusiveMinimum").asInt()).isZero();
        assertThat(order.at("/count/minimum").asInt()).isZero();
        assertThat(order.at("/payOrderNo/minLength").asInt()).isEqualTo(1);
        assertThat(order.at("/payOrderNo/maxLength").asInt()).isEqualTo(64);
        assertThat(order.at("/payOrderNo/pattern").asString()).as("not only white space").isEqualTo("\\S");
        assertThat(order.at("/password/x-max-utf8-bytes").asInt()).isEqualTo(72);
    }

    @Test
    void shouldLeaveTheErrorPageOut() {
        assertThat(docs.get("paths").has("/error")).isFalse();
    }

    private JsonNode responsesOf(String path, String method) {
        JsonNode responses = docs.path("paths").path(path).path(method).path("responses");
        assertThat(responses.isObject()).as("%s %s in %s", method, path, docs.get("paths").propertyNames()).isTrue();
        return responses;
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

        @PostMapping("/things/{id}/payments")
        @ProblemResponses({ ErrorCode.WRONG_PASSWORD, ErrorCode.INSUFFICIENT_BALANCE, ErrorCode.PAYMENT_LOCKED,
            ErrorCode.DOWNSTREAM_FAILED })
        @ProblemExample(code = ErrorCode.NOT_FOUND, detail = "Thing 1 does not exist")
        String pay(@PathVariable long id, @RequestBody String password) {
            return "paid";
        }

        @GetMapping("/demo/knob")
        boolean knob() {
            return true;
        }

        @PostMapping("/orders")
        long order(@jakarta.validation.Valid @RequestBody OrderRequest request) {
            return 1;
        }
    }

    record OrderRequest(
            @jakarta.validation.constraints.NotNull @jakarta.validation.constraints.Positive Long userId,
            @jakarta.validation.constraints.PositiveOrZero int count,
            @jakarta.validation.constraints.NotBlank @jakarta.validation.constraints.Size(min = 1, max = 64)
            String payOrderNo,
            @MaxUtf8Bytes(MaxUtf8Bytes.BCRYPT) String password) {
    }
}
