package com.hmall.coupon.issue;

/** 5 yuan off the next order for every payment of at least 100 yuan. Amounts are fen. */
public final class CouponRule {

    public static final long MIN_PAYMENT = 10_000;
    public static final long AMOUNT_OFF = 500;

    private CouponRule() {
    }

    public static boolean qualifies(long amountFen) {
        return amountFen >= MIN_PAYMENT;
    }
}
