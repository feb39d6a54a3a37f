package com.hmall.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.hmall.e2e.support.EndToEndTest;
import com.hmall.e2e.support.LocalSuite;
import com.hmall.e2e.support.Services;
import com.hmall.e2e.support.Services.Service;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every service's OpenAPI document passes a real linter: Redocly CLI, pinned in
 * {@code tools/openapi-lint} with its rules, installed there by {@code npm ci} when it is missing.
 * The documents are kept in {@code e2e-tests/target/openapi/} to read when the linter complains.
 */
class OpenApiLintIT extends EndToEndTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path ROOT = LocalSuite.repositoryRoot();
    private static final Path LINTER = ROOT.resolve("tools/openapi-lint");
    private static final Path DOCUMENTS = ROOT.resolve("e2e-tests/target/openapi");

    /** The five services, the console and coupon-service (started for it when it does not run). */
    static Stream<String> serviceNames() {
        Services services = Services.fromEnvironment();
        return Stream.concat(services.all().stream(), Stream.of(services.console, services.coupon)).map(Service::name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("serviceNames")
    void shouldPassTheLinter(String serviceName) throws IOException {
        Path document = DOCUMENTS.resolve(serviceName + ".json");
        Files.createDirectories(DOCUMENTS);
        Files.writeString(document, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(apiDocsOf(serviceName)));
        installLinterIfMissing();

        Result lint = run(DOCUMENTS.resolve(serviceName + ".lint.log"), 120,
                LINTER.resolve("node_modules/.bin/redocly").toString(), "lint",
                "--config", LINTER.resolve("redocly.yaml").toString(), document.toString());

        assertThat(lint.exitCode()).as("redocly lint %s:%n%s", document, lint.output()).isZero();
    }

    @Test
    void shouldDocumentTheProblemsOfABalancePayment() {
        JsonNode responses = apiDocsOf("pay-service").at("/paths/~1pay-orders~1{id}~1balance-payments/post/responses");

        Map<String, List<String>> codesByStatus = Map.of(
                "404", List.of("NOT_FOUND"),
                "409", List.of("ALREADY_PAID"),
                "422", List.of("WRONG_PASSWORD", "INSUFFICIENT_BALANCE"),
                "423", List.of("PAYMENT_LOCKED"),
                "502", List.of("DOWNSTREAM_FAILED"));
        codesByStatus.forEach((status, codes) -> {
            JsonNode response = responses.path(status);
            JsonNode problemJson = response.path("content").path("application/problem+json");
            assertThat(problemJson.at("/schema/$ref").asString()).as(status).isEqualTo("#/components/schemas/Problem");
            assertThat(response.path("description").asString()).as(status).contains(codes);
            for (String code : codes) {
                JsonNode example = problemJson.at("/examples/" + code + "/value");
                assertThat(example.path("code").asString()).as("%s example", code).isEqualTo(code);
                assertThat(example.path("status").asInt()).as("%s example", code).isEqualTo(Integer.parseInt(status));
                assertThat(example.path("title").asString()).as("%s example", code).isNotBlank();
                assertThat(example.path("detail").asString()).as("%s example", code).isNotBlank();
            }
        });
        assertThat(responses.path("502").path("content").path("application/problem+json")
                .at("/examples/DOWNSTREAM_FAILED/value/service").asString()).as("the service that failed").isNotBlank();
    }

    private JsonNode apiDocsOf(String serviceName) {
        Service service = Stream.concat(services.all().stream(), Stream.of(services.console, services.coupon))
                .filter(s -> s.name().equals(serviceName)).findFirst().orElseThrow();
        if (service == services.coupon && !service.isHealthy()) {
            LocalSuite.startOptionalService(service.name());
        }
        Services.Reply docs = service.get("/v3/api-docs");
        assertThat(docs.status()).as("%s /v3/api-docs", serviceName).isEqualTo(200);
        return docs.body();
    }

    /** Installs the pinned linter from the lockfile unless that very version is installed already. */
    private static synchronized void installLinterIfMissing() throws IOException {
        String pinned = JSON.readTree(LINTER.resolve("package.json").toFile())
                .at("/devDependencies/@redocly~1cli").asString();
        Path installed = LINTER.resolve("node_modules/@redocly/cli/package.json");
        if (Files.isRegularFile(installed)
                && pinned.equals(JSON.readTree(installed.toFile()).path("version").asString())) {
            return;
        }
        Result install = run(DOCUMENTS.resolve("npm-ci.log"), 600,
                "npm", "ci", "--prefix", LINTER.toString(), "--no-audit", "--no-fund");
        assertThat(install.exitCode()).as("npm ci in %s:%n%s", LINTER, install.output()).isZero();
    }

    private static Result run(Path log, long timeoutSeconds, String... command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true");
        try {
            Process process;
            try {
                process = builder.start();
            } catch (IOException e) {
                return new Result(-1, "Could not run " + command[0] + " (are node and npm installed?): " + e);
            }
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(-1, String.join(" ", command) + " did not finish in " + timeoutSeconds + " s");
            }
            return new Result(process.exitValue(), Files.readString(log));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private record Result(int exitCode, String output) {
    }
}
