package com.hmall.user.balance;

import io.swagger.v3.oas.annotations.media.Schema;

/** A user's balance after a deduction or refund, in fen. */
public record BalanceView(
        @Schema(example = "1") long userId,
        @Schema(description = "Fen, after this request", example = "9990000") long balance) {
}
