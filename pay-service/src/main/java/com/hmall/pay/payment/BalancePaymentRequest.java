package com.hmall.pay.payment;

import com.hmall.starter.web.MaxUtf8Bytes;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /pay-orders/{id}/balance-payments}. */
public record BalancePaymentRequest(
        @Schema(description = "The user's pay password: at most 64 characters and 72 bytes in UTF-8", example = "123")
        @NotBlank @Size(min = 1, max = 64) @MaxUtf8Bytes(MaxUtf8Bytes.BCRYPT) String password) {

    @Override
    public String toString() {
        return "BalancePaymentRequest[password=***]";
    }
}
