package com.hmall.pay.client;

/** What pay-service sends to user-service's {@code PUT /users/{id}/refunds}. */
public record RefundRequest(String payOrderNo, long amount) {
}
