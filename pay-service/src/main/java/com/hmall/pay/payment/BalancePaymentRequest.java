package com.hmall.pay.payment;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /pay-orders/{id}/balance-payments}. */
public record BalancePaymentRequest(@NotBlank @Size(max = 64) String password) {

    @Override
    public String toString() {
        return "BalancePaymentRequest[password=***]";
    }
}
