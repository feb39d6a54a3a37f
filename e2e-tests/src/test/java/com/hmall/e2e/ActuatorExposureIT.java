package com.hmall.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.hmall.e2e.support.EndToEndTest;
import com.hmall.e2e.support.Services;
import com.hmall.e2e.support.Services.Reply;
import com.hmall.e2e.support.Services.Service;

import tools.jackson.databind.JsonNode;

/**
 * Actuator shows a service's health and its Prometheus metrics, nothing else: no environment, no
 * beans, no configuration, no heap dump, no way to shut it down, on any of the five services.
 */
class ActuatorExposureIT extends EndToEndTest {

    private static final List<String> HIDDEN = List.of("env", "env/spring.datasource.password", "beans",
            "configprops", "heapdump", "threaddump", "mappings", "loggers", "metrics", "conditions",
            "scheduledtasks", "flyway", "info", "sbom", "shutdown");

    static Stream<Arguments> hiddenEndpoints() {
        return Services.fromEnvironment().all().stream()
                .flatMap(service -> HIDDEN.stream().map(endpoint -> Arguments.of(service.name(), endpoint)));
    }

    @ParameterizedTest(name = "{0} /actuator/{1}")
    @MethodSource("hiddenEndpoints")
    void shouldNotExposeAnythingButHealthAndMetrics(String serviceName, String endpoint) {
        Service service = serviceNamed(serviceName);

        Reply get = service.get("/actuator/" + endpoint);
        Reply post = service.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/actuator/" + endpoint))
                .POST(HttpRequest.BodyPublishers.noBody()));

        for (Reply reply : List.of(get, post)) {
            assertThat(reply.status()).as("%s /actuator/%s", serviceName, endpoint).isEqualTo(404);
            assertThat(reply.contentType()).startsWith("application/problem+json");
            assertThat(reply.code()).isEqualTo("NOT_FOUND");
        }
    }

    @Test
    void shouldListOnlyHealthAndPrometheus() {
        for (Service service : services.all()) {
            JsonNode links = service.get("/actuator").body().get("_links");

            assertThat(links.propertyNames()).as(service.name())
                    .containsExactlyInAnyOrder("self", "health", "health-path", "prometheus");
        }
    }

    @Test
    void shouldAnswerHealthWithItsStatusOnly() {
        for (Service service : services.all()) {
            Reply health = service.get("/actuator/health");

            assertThat(health.status()).as(service.name()).isEqualTo(200);
            assertThat(health.body().path("status").asString()).as(service.name()).isEqualTo("UP");
            assertThat(health.body().has("components")).as("%s shows no components", service.name()).isFalse();
            assertThat(health.body().has("details")).as("%s shows no details", service.name()).isFalse();
        }
    }

    private Service serviceNamed(String name) {
        return services.all().stream().filter(service -> service.name().equals(name)).findFirst().orElseThrow();
    }
}
