package com.hmall.payevents;

/** Money is whole fen (1 yuan = 100 fen), never floating point. */
public final class Money {

    /** The largest single payment: one million yuan. */
    public static final long MAX_PAYMENT = 100_000_000L;

    /** The largest balance a user may be created with. */
    public static final long MAX_BALANCE = 1_000_000_000_000L;

    private Money() {
    }
}
