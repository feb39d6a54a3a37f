package com.hmall.e2e.coupon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.hmall.e2e.support.EndToEndTest;
import com.hmall.e2e.support.LocalSuite;
import com.hmall.e2e.support.Services.Reply;
import com.hmall.e2e.support.SuiteEnvironment;

import tools.jackson.databind.JsonNode;

/**
 * The lesson's exercise against the running suite: coupon-service is started next to it, the way a
 * class does ({@code HMALL_EXTRA_SERVICES=coupon-service scripts/start-local.sh}), and from then on
 * every qualifying async payment gets exactly one coupon and no other payment gets one, while
 * pay-service runs on as the same process from the same jar, never restarted or rebuilt. The
 * console shows it too, from configuration and spans alone. It leaves coupon-service running.
 */
class CouponServiceIT extends EndToEndTest {

    private static final long MIN_PAYMENT = 10_000;

    @Test
    void shouldIssueCouponsForQualifyingPaymentsOnlyWithPayServiceUntouched() throws Exception {
        LocalSuite.stopOptionalService("coupon-service");
        assertThat(services.coupon.isHealthy()).as("coupon-service is stopped before the test starts it").isFalse();
        ProcessOfPayService before = ProcessOfPayService.now();

        LocalSuite.startOptionalService("coupon-service");

        assertThat(services.coupon.isHealthy()).isTrue();
        long userId = newUser(10_000_000);
        List<Purchase> qualifying = new ArrayList<>();
        List<Purchase> others = new ArrayList<>();
        // Sync mode publishes no event: without the patch of docs/sync-coupon.patch, no coupon.
        setMode("sync");
        Purchase sync = newPurchaseOf(userId, 20_000);
        assertThat(pay(sync.payOrderId(), PASSWORD).status()).isEqualTo(200);
        others.add(sync);
        setMode("async");
        for (long amount : new long[] { MIN_PAYMENT - 1, MIN_PAYMENT, 100, 12_345, 50_000 }) {
            Purchase purchase = newPurchaseOf(userId, amount);
            Reply paid = pay(purchase.payOrderId(), PASSWORD);
            assertThat(paid.status()).as("payment of %d fen: %s", amount, paid.body()).isEqualTo(200);
            (amount >= MIN_PAYMENT ? qualifying : others).add(purchase);
        }

        eventually().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(couponsByPayOrder(userId).keySet())
                .containsAll(qualifying.stream().map(Purchase::payOrderNo).toList()));
        // coupon-service has handled every async event once its span is in the console: then "no coupon" is final.
        List<Purchase> asyncOthers = others.stream().filter(purchase -> purchase != sync).toList();
        eventually().atMost(Duration.ofSeconds(30)).until(() -> asyncOthers.stream()
                .allMatch(purchase -> couponLaneOf(purchase.payOrderNo()).equals("ok")));

        Map<String, List<JsonNode>> coupons = couponsByPayOrder(userId);
        assertThat(coupons).as("one coupon per qualifying payment, none for the others").hasSize(qualifying.size());
        for (Purchase purchase : qualifying) {
            assertThat(coupons.get(purchase.payOrderNo())).as("coupons of %s", purchase.payOrderNo()).singleElement()
                    .satisfies(coupon -> assertThat(coupon.path("amountOff").asLong()).isEqualTo(500));
        }
        assertThat(ProcessOfPayService.now()).as("pay-service: the same process, from the same jar").isEqualTo(before);
        assertThat(services.console.get("/api/services").body().valueStream()
                .filter(service -> "coupon-service".equals(service.path("name").asString()))
                .map(service -> service.path("status").asString()).toList())
                .as("the console lists coupon-service from its one configuration entry").containsExactly("UP");
        assertThat(services.console.get("/api/queues").body().valueStream().map(queue -> queue.path("queue").asString()))
                .as("the console found its queue on pay.topic").contains("coupon.pay.success.queue");
    }

    private Map<String, List<JsonNode>> couponsByPayOrder(long userId) {
        Reply coupons = services.coupon.get("/coupons?userId=" + userId);
        assertThat(coupons.status()).isEqualTo(200);
        Map<String, List<JsonNode>> byPayOrder = new java.util.HashMap<>();
        coupons.body().valueStream().forEach(coupon -> byPayOrder
                .computeIfAbsent(coupon.path("payOrderNo").asString(), no -> new ArrayList<>()).add(coupon));
        return byPayOrder;
    }

    /** The outcome of coupon-service's lane on this payment's timeline in the console; "" without one. */
    private String couponLaneOf(String payOrderNo) {
        return services.console.get("/api/payments?limit=50").body().valueStream()
                .filter(payment -> payOrderNo.equals(payment.path("payOrderNo").asString()))
                .flatMap(payment -> payment.path("lanes").valueStream())
                .filter(lane -> "coupon-service".equals(lane.path("service").asString()))
                .map(lane -> lane.path("outcome").asString()).findFirst().orElse("");
    }

    /**
     * pay-service's process (its PID and start time) and the sha256 of the jar it runs: its build's
     * jar, or that jar extracted in the launcher's start-up cache (target/startup-cache/pay-service/).
     */
    private record ProcessOfPayService(long pid, Instant started, String jarSha256) {

        static ProcessOfPayService now() throws IOException, NoSuchAlgorithmException {
            long pid = Long.parseLong(Files.readString(SuiteEnvironment.pidFileOf("pay-service")).trim());
            ProcessHandle process = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("pay-service is not running"));
            List<String> arguments = List.of(process.info().arguments().orElseThrow(
                    () -> new AssertionError("pay-service's command line cannot be read")));
            Path jar = Path.of(arguments.get(arguments.indexOf("-jar") + 1));
            Path root = LocalSuite.repositoryRoot();
            assertThat(jar).as("the jar pay-service runs")
                    .satisfiesAnyOf(path -> assertThat(path).isEqualTo(root.resolve("pay-service/target/pay-service.jar")),
                            path -> assertThat(path).startsWith(root.resolve("target/startup-cache/pay-service")));
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            try (InputStream in = new DigestInputStream(Files.newInputStream(jar), sha256)) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            return new ProcessOfPayService(pid, process.info().startInstant().orElseThrow(),
                    HexFormat.of().formatHex(sha256.digest()));
        }
    }
}
