package com.hmall.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.hmall.starter.web.ErrorCode;
import com.hmall.e2e.support.HostileInput;

/**
 * The hostile-input catalogue, checked without a running suite: well formed, every endpoint of the
 * contract (and, kept apart, of the classroom console) and every kind of hostile input covered, every
 * expected answer a code the contract knows (or the console's own 413 {@code PAYLOAD_TOO_LARGE} for a
 * span batch above its limits), and {@code docs/hostile-input.md} in step with it.
 */
class HostileInputCatalogueTests {

    /** Every endpoint of the public contract ({@code shared/api.md}), as the catalogue names them. */
    private static final List<String> CONTRACT_ENDPOINTS = List.of(
            "POST /users", "GET /users/{id}", "PUT /users/{id}/deductions", "PUT /users/{id}/refunds",
            "POST /orders", "GET /orders/{id}", "PUT /orders/{id}/paid", "PUT /orders/{id}/unpaid",
            "POST /pay-orders", "POST /pay-orders/{id}/balance-payments", "GET /pay-orders/{id}",
            "GET /pay-orders/biz/{bizOrderNo}", "GET /mode", "PUT /mode",
            "POST /notifications", "GET /notifications?userId={id}", "POST /points/awards", "GET /points/{userId}",
            "GET/PUT /demo/chaos (user-service)", "GET/PUT /demo/chaos (trade-service)",
            "GET/PUT /demo/chaos (notify-service)", "GET/PUT /demo/chaos (points-service)");

    /**
     * The classroom console's API ({@code console/}, port 8080). Not part of the contract, so kept apart
     * from {@link #CONTRACT_ENDPOINTS}, which stays exactly the contract; but anyone who can open the
     * page can call it, and every service posts its spans to it, so it is attacked like the contract's
     * endpoints and must stay covered.
     */
    private static final List<String> CONSOLE_ENDPOINTS = List.of(
            "POST /api/v2/spans", "GET /api/payments", "GET /api/queues", "GET /api/services",
            "PUT /api/services/{name}/chaos", "GET/PUT /api/mode", "POST /api/demo-payments");

    /** The console's plain reads: the only console endpoints a row may expect to succeed, and only with a GET. */
    private static final Set<String> CONSOLE_READS = Set.of(
            "GET /api/payments", "GET /api/queues", "GET /api/services", "GET/PUT /api/mode");

    /**
     * What a {@code POST /api/demo-payments} to the real path may be answered with: only refusals that
     * come before the controller runs (the body's validation, the media type, the method). Anything
     * later (WRONG_PASSWORD, NOT_FOUND for an unknown user...) comes after it has made a trade order and
     * a pay order, which the sentinel check does not see.
     */
    private static final Set<Integer> DEMO_PAYMENT_REFUSALS = Set.of(400, 405, 406, 415);

    /**
     * The console's own code, which the contract does not have: 413 for a span batch above its limits
     * (5 MiB unpacked, 10,000 spans). Only the span collector may answer it.
     */
    private static final String PAYLOAD_TOO_LARGE = "PAYLOAD_TOO_LARGE";

    /** The kinds of hostile input the issue lists, as the catalogue's categories name them. */
    private static final List<String> CATEGORIES = List.of("zero", "negative", "fractional", "huge", "non-numeric",
            "missing", "null", "extra", "overlong", "unicode", "sql", "path", "malformed", "content-type", "method",
            "unknown-id", "non-numeric-id", "mode", "chaos", "accept", "query", "utf8", "duplicate-key", "order");

    private static final Set<String> PLACEHOLDERS = Set.of("userId", "username", "orderId", "bizOrderNo",
            "payOrderId", "rejectedName", "unique", "strangerId", "otherMode", "password", "repeat", "bytes", "nowMicros");

    private static final Map<String, String> SERVICES = Map.of("user", "user-service", "trade", "trade-service",
            "pay", "pay-service", "notify", "notify-service", "points", "points-service", "console", "console");

    private static final Path DOC = Path.of("docs/hostile-input.md");

    private static List<HostileInput> rows;
    private static Path root;

    @BeforeAll
    static void readCatalogue() {
        rows = HostileInput.catalogue();
        root = DockerComposeContractTests.repositoryRoot();
    }

    @Test
    void shouldNameEveryRowUniquely() {
        List<String> ids = rows.stream().map(HostileInput::id).toList();

        assertThat(ids).isNotEmpty().doesNotHaveDuplicates().allMatch(id -> id.matches("[a-z0-9]+(-[a-z0-9]+)*"));
    }

    @Test
    void shouldCoverEveryEndpointOfTheContract() {
        Set<String> covered = rows.stream().map(HostileInput::endpoint).collect(Collectors.toSet());

        assertThat(covered).containsAll(CONTRACT_ENDPOINTS);
    }

    @Test
    void shouldCoverTheConsoleEndpointsApartFromTheContractAndNeverLetOneThrough() {
        Set<String> covered = rows.stream().map(HostileInput::endpoint).collect(Collectors.toSet());

        assertThat(covered).containsAll(CONSOLE_ENDPOINTS);
        assertThat(CONTRACT_ENDPOINTS).doesNotContainAnyElementsOf(CONSOLE_ENDPOINTS);
        for (HostileInput row : rows) {
            if (row.service().equals("console")) {
                assertThat(row.endpoint()).as("%s: the console has only its own endpoints", row.id())
                        .isIn(CONSOLE_ENDPOINTS);
            }
            if (CONSOLE_ENDPOINTS.contains(row.endpoint())) {
                assertThat(row.service()).as(row.id()).isEqualTo("console");
                if (!(CONSOLE_READS.contains(row.endpoint()) && row.method().equals("GET"))) {
                    // One that got through would store spans, pay, switch the mode or turn a knob.
                    assertThat(row.expectsProblem()).as("%s: expects an error", row.id()).isTrue();
                }
                if (row.endpoint().equals("POST /api/demo-payments") && row.path().equals("/api/demo-payments")) {
                    assertThat(row.status()).as("%s: refused before any order is made", row.id())
                            .isIn(DEMO_PAYMENT_REFUSALS);
                }
            }
        }
    }

    @Test
    void shouldCoverEveryKindOfHostileInput() {
        Set<String> covered = rows.stream().map(HostileInput::category).collect(Collectors.toSet());

        assertThat(covered).containsAll(CATEGORIES);
    }

    @Test
    void shouldExpectAContractCodeForEveryErrorAndNeverAServerError() {
        for (HostileInput row : rows) {
            assertThat(row.status()).as(row.id()).isBetween(200, 499);
            if (row.status() >= 400) {
                assertThat(row.code()).as("%s: an error has a code", row.id()).isNotNull();
                if (PAYLOAD_TOO_LARGE.equals(row.code())) {
                    assertThat(row.endpoint()).as("%s: only the span collector answers %s", row.id(), PAYLOAD_TOO_LARGE)
                            .isEqualTo("POST /api/v2/spans");
                    assertThat(row.status()).as(row.id()).isEqualTo(413);
                    continue;
                }
                assertThat(ErrorCode.valueOf(row.code()).status().value()).as(row.id()).isEqualTo(row.status());
            } else {
                assertThat(row.code()).as("%s: a success has no code", row.id()).isNull();
                assertThat(row.tries()).as("%s: a success says why", row.id()).startsWith("ACCEPTED by design");
            }
        }
    }

    @Test
    void shouldOnlyUseKnownServicesMethodsAndPlaceholders() {
        for (HostileInput row : rows) {
            assertThat(SERVICES).as(row.id()).containsKey(row.service());
            assertThat(row.method()).as(row.id()).matches("GET|POST|PUT|PATCH|DELETE|TRACE");
            assertThat(row.path()).as(row.id()).startsWith("/");
            assertThat(row.placeholders()).as(row.id()).allMatch(PLACEHOLDERS::contains);
            if (row.endpoint().startsWith("GET/PUT /demo/chaos")) {
                assertThat(row.endpoint()).as(row.id()).contains(SERVICES.get(row.service()));
            }
        }
    }

    @Test
    void shouldShowEveryRowInTheDocument() throws IOException {
        String doc = Files.readString(root.resolve(DOC));

        for (HostileInput row : rows) {
            assertThat(doc).as("%s lists %s", DOC, row.id()).contains("`" + row.id() + "`");
        }
    }

    @Test
    void shouldBeTheDocumentTheScriptGenerates() throws Exception {
        assumeThat(Files.isExecutable(Path.of("/bin/bash"))).as("the generator is a bash script").isTrue();
        Process process = new ProcessBuilder("/bin/bash", root.resolve("scripts/hostile-input-doc.sh").toString())
                .directory(root.toFile())
                .redirectErrorStream(true)
                .start();
        String generated = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(generated).isZero();

        assertThat(Files.readString(root.resolve(DOC)))
                .as("%s is out of date: run scripts/hostile-input-doc.sh > %s", DOC, DOC)
                .isEqualTo(generated);
    }
}
