package com.hmall.common.client;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Body of {@code PUT /users/{id}/deductions}. Idempotent per {@code payOrderNo}. */
public record DeductionRequest(
        @NotBlank @Size(max = 64) String payOrderNo,
        @NotNull @Min(1) @Max(Money.MAX_PAYMENT) Long amount,
        @NotBlank @Size(max = 64) String password) {

    @Override
    public String toString() {
        return "DeductionRequest[payOrderNo=" + payOrderNo + ", amount=" + amount + ", password=***]";
    }
}
