package com.hmall.pay.payment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PayStatusTests {

    @Test
    void shouldLetWaitingOrdersBePaidOrClosed() {
        assertThat(PayStatus.WAITING.canTransitionTo(PayStatus.SUCCESS)).isTrue();
        assertThat(PayStatus.WAITING.canTransitionTo(PayStatus.CLOSED)).isTrue();
    }

    @Test
    void shouldOnlyLetPaidOrdersGoBackToWaitingAsCompensation() {
        assertThat(PayStatus.SUCCESS.canTransitionTo(PayStatus.WAITING)).isTrue();
        assertThat(PayStatus.SUCCESS.canTransitionTo(PayStatus.CLOSED)).isFalse();
    }

    @Test
    void shouldNeverReopenClosedOrders() {
        for (PayStatus next : PayStatus.values()) {
            assertThat(PayStatus.CLOSED.canTransitionTo(next)).isFalse();
        }
    }
}
