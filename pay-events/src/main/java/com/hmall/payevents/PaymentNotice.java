package com.hmall.payevents;


import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * What the sync path tells notify-service ({@code POST /notifications}) and points-service
 * ({@code POST /points/awards}) about a payment: the same facts the event carries.
 */
public record PaymentNotice(
        @Schema(example = "1")
        @NotNull @Positive Long userId,
        @Schema(description = "The trade order id", example = "1")
        @NotNull @Positive Long bizOrderNo,
        @Schema(example = "1859103449726812161")
        @NotBlank @Size(min = 1, max = 64) String payOrderNo,
        @Schema(description = "Fen paid", example = "10000")
        @NotNull @Min(1) @Max(Money.MAX_PAYMENT) Long amount) {

    /** The same facts, brought by the event instead of the sync call. */
    public static PaymentNotice of(PaymentSucceeded event) {
        return new PaymentNotice(event.userId(), event.bizOrderNo(), event.payOrderNo(), event.amount());
    }
}
