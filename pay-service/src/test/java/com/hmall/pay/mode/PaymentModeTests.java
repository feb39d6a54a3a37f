package com.hmall.pay.mode;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PaymentModeTests {

    @Test
    void shouldUseLowerCaseNamesOnTheWire() {
        assertThat(PaymentMode.SYNC.wireName()).isEqualTo("sync");
        assertThat(PaymentMode.fromWireName("async")).isEqualTo(PaymentMode.ASYNC);
    }

    @Test
    void shouldStartInTheConfiguredMode() {
        assertThat(new ModeSwitch("sync").current()).isEqualTo(PaymentMode.SYNC);
        assertThat(new ModeSwitch("async").current()).isEqualTo(PaymentMode.ASYNC);
    }
}
