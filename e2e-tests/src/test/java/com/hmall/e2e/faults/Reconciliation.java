package com.hmall.e2e.faults;

import java.time.Duration;

/**
 * The books after a fault: every successful payment has exactly one paid order, one notification
 * and one points award, and, when coupon-service runs, exactly one coupon if it paid at least 100
 * yuan; every failed one left nothing behind, no payment got a coupon it did not earn, and no money
 * appeared or vanished.
 *
 * @param lost      successful payments missing an effect
 * @param doubled   payments with an effect more than once
 * @param leftovers failed payments that still left an effect behind
 * @param unearned  coupons of payments that earned none (below 100 yuan, or failed); 0 without coupon-service
 * @param coupons   whether coupon-service ran, and its coupons were reconciled too
 * @param drift     balances plus successful payments, minus the starting balances (0 when consistent)
 * @param moneyBackAfter how long after the fault was healed the drift was 0 (null until settled)
 */
public record Reconciliation(int payments, int succeeded, int lost, int doubled, int leftovers, int unearned, boolean coupons,
        long drift, Duration moneyBackAfter) {

    Reconciliation withMoneyBackAfter(Duration after) {
        return new Reconciliation(payments, succeeded, lost, doubled, leftovers, unearned, coupons, drift, after);
    }

    public boolean consistent() {
        return lost == 0 && doubled == 0 && leftovers == 0 && unearned == 0 && drift == 0;
    }

    public String line(String scenario) {
        return String.format("%s: %d payments, %d lost, %d doubled, balances %s (%d succeeded; %d failed, %d of them "
                        + "left something behind; %s; every fen back %.1f s after the heal)",
                scenario, payments, lost, doubled, drift == 0 ? "consistent" : "off by " + drift + " fen", succeeded,
                payments - succeeded, leftovers,
                coupons ? "coupons reconciled, " + unearned + " unearned" : "coupon-service not running",
                moneyBackAfter == null ? Double.NaN : moneyBackAfter.toMillis() / 1000.0);
    }
}
