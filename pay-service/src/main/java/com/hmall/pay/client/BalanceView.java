package com.hmall.pay.client;

/** user-service's answer to a deduction or refund: the user's balance after it, in fen. */
public record BalanceView(long userId, long balance) {
}
