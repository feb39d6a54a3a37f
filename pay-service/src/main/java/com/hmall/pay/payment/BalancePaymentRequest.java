package com.hmall.pay.payment;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /pay-orders/{id}/balance-payments}. */
public record BalancePaymentRequest(
        @Schema(description = "The user's pay password", example = "123") @NotBlank @Size(max = 64) String password) {

    @Override
    public String toString() {
        return "BalancePaymentRequest[password=***]";
    }
}
