package com.hmall.user.balance;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeductionStatusTests {

    @Test
    void shouldAllowRefundOfAnAppliedDeduction() {
        assertThat(DeductionStatus.APPLIED.canTransitionTo(DeductionStatus.REFUNDED)).isTrue();
    }

    @Test
    void shouldAllowReapplyingARefundedDeduction() {
        assertThat(DeductionStatus.REFUNDED.canTransitionTo(DeductionStatus.APPLIED)).isTrue();
    }

    @Test
    void shouldNotTransitionToTheSameStatus() {
        for (DeductionStatus status : DeductionStatus.values()) {
            assertThat(status.canTransitionTo(status)).as("%s -> %s", status, status).isFalse();
        }
    }
}
