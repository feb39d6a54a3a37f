package com.hmall.pay.client;

import java.time.Instant;

/**
 * What pay-service sends to user-service's {@code PUT /users/{id}/deductions}: idempotent per
 * {@code payOrderNo}; past {@code deadline} user-service deducts nothing (see api.md).
 */
public record DeductionRequest(String payOrderNo, long amount, String password, Instant deadline) {

    @Override
    public String toString() {
        return "DeductionRequest[payOrderNo=" + payOrderNo + ", amount=" + amount + ", password=***, deadline="
                + deadline + "]";
    }
}
