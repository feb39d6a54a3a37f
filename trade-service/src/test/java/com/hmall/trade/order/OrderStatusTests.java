package com.hmall.trade.order;

import static com.hmall.trade.order.OrderStatus.CLOSED;
import static com.hmall.trade.order.OrderStatus.PAID;
import static com.hmall.trade.order.OrderStatus.UNPAID;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class OrderStatusTests {

    @Test
    void shouldLetAnUnpaidOrderBePaidOrClosed() {
        assertThat(UNPAID.canTransitionTo(PAID)).isTrue();
        assertThat(UNPAID.canTransitionTo(CLOSED)).isTrue();
    }

    @Test
    void shouldLetAPaidOrderOnlyGoBackToUnpaid() {
        assertThat(PAID.canTransitionTo(UNPAID)).isTrue();
        assertThat(PAID.canTransitionTo(CLOSED)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(OrderStatus.class)
    void shouldNeverLeaveClosed(OrderStatus next) {
        assertThat(CLOSED.canTransitionTo(next)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(OrderStatus.class)
    void shouldNotTransitionToTheSameStatus(OrderStatus status) {
        assertThat(status.canTransitionTo(status)).isFalse();
    }
}
