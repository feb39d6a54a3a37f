package com.hmall.common.client;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Body of {@code PUT /users/{id}/refunds}: gives back the deduction made for {@code payOrderNo}. */
public record RefundRequest(
        @NotBlank @Size(max = 64) String payOrderNo,
        @NotNull @Min(1) @Max(Money.MAX_PAYMENT) Long amount) {
}
