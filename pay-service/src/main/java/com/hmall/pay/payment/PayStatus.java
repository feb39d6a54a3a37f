package com.hmall.pay.payment;

import java.util.Map;
import java.util.Set;

/**
 * The life of a pay order. {@code SUCCESS -> WAITING} exists only as the compensation of a sync
 * payment whose downstream call failed: the money goes back and the order can be paid again.
 */
public enum PayStatus {

    WAITING,
    SUCCESS,
    CLOSED;

    private static final Map<PayStatus, Set<PayStatus>> ALLOWED = Map.of(
            WAITING, Set.of(SUCCESS, CLOSED),
            SUCCESS, Set.of(WAITING),
            CLOSED, Set.of());

    public boolean canTransitionTo(PayStatus next) {
        return ALLOWED.get(this).contains(next);
    }
}
