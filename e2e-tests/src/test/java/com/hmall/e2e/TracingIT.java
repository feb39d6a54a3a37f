package com.hmall.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.hmall.e2e.support.EndToEndTest;
import com.hmall.e2e.support.Services;
import com.hmall.e2e.support.SuiteEnvironment;
import com.hmall.e2e.support.Services.Reply;

/**
 * One trace from the payment request to every consumer's log line. The client starts the trace
 * (a W3C traceparent header, as any traced caller would send), so the test knows the trace id
 * before the payment runs, and then finds it in the log line each consumer writes for its effect:
 * through Feign in sync mode, and through the outbox and RabbitMQ in async mode.
 *
 * <p>Reads the launcher's logs ({@code logs/<service>.log}), so it needs the suite started by
 * {@code scripts/start-local.sh} from this checkout.
 */
class TracingIT extends EndToEndTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void shouldCarryThePaymentsTraceIdIntoEveryConsumersLogThroughRabbitMq() {
        setMode("async");
        Purchase purchase = newPurchase(10_000, 2_000);
        String traceId = newTraceId();

        assertThat(payInTrace(purchase, traceId).status()).isEqualTo(200);

        eventually().untilAsserted(() -> {
            assertThat(logLineOf("trade-service", traceId)).contains("order " + purchase.orderId() + " is paid");
            assertThat(logLineOf("notify-service", traceId)).contains("payment " + purchase.payOrderNo());
            assertThat(logLineOf("points-service", traceId)).contains("payment " + purchase.payOrderNo());
        });
    }

    @Test
    void shouldCarryThePaymentsTraceIdThroughFeignInSyncMode() {
        setMode("sync");
        Purchase purchase = newPurchase(10_000, 2_000);
        String traceId = newTraceId();

        assertThat(payInTrace(purchase, traceId).status()).isEqualTo(200);

        eventually().untilAsserted(() -> {
            assertThat(logLineOf("notify-service", traceId)).contains("payment " + purchase.payOrderNo());
            assertThat(logLineOf("points-service", traceId)).contains("payment " + purchase.payOrderNo());
        });
    }

    private Reply payInTrace(Purchase purchase, String traceId) {
        String parentSpanId = HexFormat.of().formatHex(randomBytes(8));
        return services.pay.send(HttpRequest.newBuilder(
                URI.create(services.pay.baseUrl() + "/pay-orders/" + purchase.payOrderId() + "/balance-payments"))
                .header("Content-Type", "application/json")
                .header("traceparent", "00-" + traceId + "-" + parentSpanId + "-01")
                .POST(HttpRequest.BodyPublishers.ofString(Services.json(java.util.Map.of("password", PASSWORD)))));
    }

    /** The first line of the service's log that carries this trace id, or "" when none does yet. */
    private static String logLineOf(String service, String traceId) {
        Path log = SuiteEnvironment.logOf(service);
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return lines.stream().filter(line -> line.contains(traceId)).findFirst().orElse("");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String newTraceId() {
        return HexFormat.of().formatHex(randomBytes(16));
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
