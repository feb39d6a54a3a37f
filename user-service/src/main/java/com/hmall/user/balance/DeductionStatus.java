package com.hmall.user.balance;

/** The life of a deduction: applied, refunded by a compensation, and applied again if paid again. */
public enum DeductionStatus {

    APPLIED,
    REFUNDED;

    public boolean canTransitionTo(DeductionStatus next) {
        return switch (this) {
            case APPLIED -> next == REFUNDED;
            case REFUNDED -> next == APPLIED;
        };
    }
}
