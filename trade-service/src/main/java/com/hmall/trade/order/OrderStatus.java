package com.hmall.trade.order;

/** The states of a trade order and the moves between them. */
public enum OrderStatus {

    UNPAID,
    PAID,
    CLOSED;

    public boolean canTransitionTo(OrderStatus next) {
        return switch (this) {
            case UNPAID -> next == PAID || next == CLOSED;
            // Only as compensation, when a sync payment failed after this order was marked paid.
            case PAID -> next == UNPAID;
            case CLOSED -> false;
        };
    }
}
