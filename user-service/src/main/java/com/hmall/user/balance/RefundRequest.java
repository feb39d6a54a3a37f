package com.hmall.user.balance;

import com.hmall.payevents.Money;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Body of {@code PUT /users/{id}/refunds}: gives back the deduction made for {@code payOrderNo}. */
public record RefundRequest(
        @Schema(description = "The pay order this is for", example = "1859103449726812161")
        @NotBlank @Size(min = 1, max = 64) String payOrderNo,
        @Schema(description = "Fen: all that was deducted", example = "10000")
        @NotNull @Min(1) @Max(Money.MAX_PAYMENT) Long amount) {
}
