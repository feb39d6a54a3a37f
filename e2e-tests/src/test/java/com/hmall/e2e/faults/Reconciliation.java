package com.hmall.e2e.faults;

import java.time.Duration;

/**
 * The books after a fault: every successful payment has exactly one paid order, one notification
 * and one points award; every failed one left nothing behind; and no money appeared or vanished.
 *
 * @param lost      successful payments missing an effect
 * @param doubled   payments with an effect more than once
 * @param leftovers failed payments that still left an effect behind
 * @param drift     balances plus successful payments, minus the starting balances (0 when consistent)
 * @param moneyBackAfter how long after the fault was healed the drift was 0 (null until settled)
 */
record Reconciliation(int payments, int succeeded, int lost, int doubled, int leftovers, long drift,
        Duration moneyBackAfter) {

    Reconciliation withMoneyBackAfter(Duration after) {
        return new Reconciliation(payments, succeeded, lost, doubled, leftovers, drift, after);
    }

    boolean consistent() {
        return lost == 0 && doubled == 0 && leftovers == 0 && drift == 0;
    }

    String line(String scenario) {
        return String.format("%s: %d payments, %d lost, %d doubled, balances %s (%d succeeded; %d failed, %d of them "
                        + "left something behind; every fen back %.1f s after the heal)",
                scenario, payments, lost, doubled, drift == 0 ? "consistent" : "off by " + drift + " fen", succeeded,
                payments - succeeded, leftovers, moneyBackAfter == null ? Double.NaN : moneyBackAfter.toMillis() / 1000.0);
    }
}
