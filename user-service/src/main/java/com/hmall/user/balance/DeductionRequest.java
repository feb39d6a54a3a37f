package com.hmall.user.balance;

import com.hmall.payevents.Money;
import java.time.Instant;

import com.hmall.starter.web.MaxUtf8Bytes;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code PUT /users/{id}/deductions}. Idempotent per {@code payOrderNo}. With a
 * {@code deadline}, a deduction that user-service would make only after that instant is refused
 * and nothing is deducted: the caller stops waiting for its answer then, and must know that a
 * deduction it no longer waits for can never happen afterwards.
 */
public record DeductionRequest(
        @Schema(description = "The pay order this is for", example = "1859103449726812161")
        @NotBlank @Size(min = 1, max = 64) String payOrderNo,
        @Schema(description = "Fen", example = "10000")
        @NotNull @Min(1) @Max(Money.MAX_PAYMENT) Long amount,
        @Schema(description = "The user's pay password: at most 64 characters and 72 bytes in UTF-8", example = "123")
        @NotBlank @Size(min = 1, max = 64) @MaxUtf8Bytes(MaxUtf8Bytes.BCRYPT) String password,
        @Schema(description = "Optional. After this instant nothing is deducted any more: the answer is then "
                + "STATE_CONFLICT", example = "2026-11-24T10:41:55.123Z")
        Instant deadline) {

    /** Without a deadline: the contract's three fields. */
    public DeductionRequest(String payOrderNo, Long amount, String password) {
        this(payOrderNo, amount, password, null);
    }

    @Override
    public String toString() {
        return "DeductionRequest[payOrderNo=" + payOrderNo + ", amount=" + amount + ", password=***, deadline="
                + deadline + "]";
    }
}
