package com.hmall.common.client;

/** A user's balance after a deduction or refund, in fen. */
public record BalanceView(long userId, long balance) {
}
