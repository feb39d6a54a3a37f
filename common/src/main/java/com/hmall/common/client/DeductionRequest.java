package com.hmall.common.client;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Body of {@code PUT /users/{id}/deductions}. Idempotent per {@code payOrderNo}. */
public record DeductionRequest(
        @Schema(description = "The pay order this is for", example = "1859103449726812161")
        @NotBlank @Size(max = 64) String payOrderNo,
        @Schema(description = "Fen", example = "10000")
        @NotNull @Min(1) @Max(Money.MAX_PAYMENT) Long amount,
        @Schema(description = "The user's pay password", example = "123")
        @NotBlank @Size(max = 64) String password) {

    @Override
    public String toString() {
        return "DeductionRequest[payOrderNo=" + payOrderNo + ", amount=" + amount + ", password=***]";
    }
}
