package com.hmall.console.demo;

import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.hmall.starter.web.ApiException;
import com.hmall.starter.web.ErrorCode;
import com.hmall.starter.web.MaxUtf8Bytes;
import com.hmall.starter.web.ProblemResponses;
import com.hmall.console.services.Downstream;
import com.hmall.console.services.ServiceDirectory;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the page's buttons do: switch pay-service's mode, and make a whole payment the way a student
 * would by hand (a trade order, its pay order, the balance payment). The console starts the
 * payment's trace itself (a W3C {@code traceparent}), so it knows which trace to draw.
 */
@Tag(name = "demo", description = "The page's mode switch and its Pay button")
@RestController
class DemoController {

    static final String PAY_SERVICE = "pay-service";
    static final String TRADE_SERVICE = "trade-service";
    /** The contract's largest payment: 1 million yuan, in fen. */
    static final long MAX_PAYMENT = 100_000_000L;

    private final ServiceDirectory directory;
    private final Downstream quick;
    private final Downstream payments;

    DemoController(ServiceDirectory directory, JsonMapper jsonMapper) {
        this.directory = directory;
        this.quick = new Downstream(jsonMapper, Duration.ofSeconds(1), Duration.ofSeconds(5));
        // A sync payment waits for every downstream call, each up to 10 s of chaos latency.
        this.payments = new Downstream(jsonMapper, Duration.ofSeconds(1), Duration.ofSeconds(90));
    }

    @Operation(summary = "pay-service's payment mode (its GET /mode)")
    @ProblemResponses({ ErrorCode.DOWNSTREAM_FAILED })
    @GetMapping("/api/mode")
    ModeView mode() {
        return quick.call(PAY_SERVICE, quick.http().get().uri(directory.url(PAY_SERVICE, "/mode")), r -> r.body(ModeView.class));
    }

    @Operation(summary = "Switch pay-service's payment mode (its PUT /mode)")
    @ProblemResponses({ ErrorCode.DOWNSTREAM_FAILED })
    @PutMapping("/api/mode")
    ModeView setMode(@Valid @RequestBody ModeView mode) {
        return quick.call(PAY_SERVICE, quick.http().put().uri(directory.url(PAY_SERVICE, "/mode")).body(mode),
                r -> r.body(ModeView.class));
    }

    @Operation(summary = "Create a trade order and its pay order, and pay it with the balance",
            description = "Answers the payment's trace id, to find its timeline in /api/payments. A failure is the "
                    + "failing service's problem (same code and status), with traceId when the payment was tried.")
    @ProblemResponses({ ErrorCode.NOT_FOUND, ErrorCode.ORDER_MISMATCH, ErrorCode.ALREADY_PAID, ErrorCode.STATE_CONFLICT,
        ErrorCode.WRONG_PASSWORD, ErrorCode.INSUFFICIENT_BALANCE, ErrorCode.PAYMENT_LOCKED, ErrorCode.DOWNSTREAM_FAILED })
    @PostMapping("/api/demo-payments")
    @ResponseStatus(HttpStatus.CREATED)
    DemoPaymentView pay(@Valid @RequestBody DemoPaymentRequest request) {
        TradeOrder order = quick.call(TRADE_SERVICE, quick.http().post().uri(directory.url(TRADE_SERVICE, "/orders"))
                .body(Map.of("userId", request.userId(), "amount", request.amount())), r -> r.body(TradeOrder.class));
        PayOrder payOrder = quick.call(PAY_SERVICE, quick.http().post().uri(directory.url(PAY_SERVICE, "/pay-orders"))
                .body(Map.of("bizOrderNo", order.id(), "userId", request.userId(), "amount", request.amount())),
                r -> r.body(PayOrder.class));
        String traceId = newId(16);
        String traceparent = "00-" + traceId + "-" + newId(8) + "-01";
        try {
            PayOrder paid = payments.call(PAY_SERVICE, payments.http().post()
                    .uri(directory.url(PAY_SERVICE, "/pay-orders/" + payOrder.id() + "/balance-payments"))
                    .header("traceparent", traceparent).body(Map.of("password", request.password())),
                    r -> r.body(PayOrder.class));
            return new DemoPaymentView(traceId, payOrder.id(), payOrder.payOrderNo(), paid.status(), paid.mode());
        } catch (ApiException failed) {
            Map<String, Object> properties = new LinkedHashMap<>(failed.getProperties());
            properties.put("traceId", traceId);
            properties.put("payOrderNo", payOrder.payOrderNo());
            throw new ApiException(failed.getCode(), failed.getMessage(), properties);
        }
    }

    /** 128 or 64 random bits as lower-case hex, never all zeros (W3C trace context). */
    private static String newId(int bytes) {
        byte[] id = new byte[bytes];
        do {
            ThreadLocalRandom.current().nextBytes(id);
        } while (HexFormat.of().formatHex(id).chars().allMatch(c -> c == '0'));
        return HexFormat.of().formatHex(id);
    }

    record ModeView(@Schema(allowableValues = { "sync", "async" }, example = "sync")
            @NotNull @Pattern(regexp = "sync|async", message = "must be sync or async") String mode) {
    }

    /** The pay form: amount in fen. */
    record DemoPaymentRequest(
            @Schema(example = "1") @NotNull @Positive Long userId,
            @Schema(example = "1000") @NotNull @Min(1) @Max(MAX_PAYMENT) Long amount,
            @Schema(example = "123") @NotNull @Size(min = 3, max = 64) @MaxUtf8Bytes(MaxUtf8Bytes.BCRYPT) String password) {
    }

    record DemoPaymentView(String traceId, long payOrderId, String payOrderNo,
            @Schema(example = "SUCCESS") String status, @Schema(example = "async") String mode) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record TradeOrder(long id) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record PayOrder(long id, String payOrderNo, String status, String mode) {
    }
}
