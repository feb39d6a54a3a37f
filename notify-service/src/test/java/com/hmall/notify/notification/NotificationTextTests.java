package com.hmall.notify.notification;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NotificationTextTests {

    @ParameterizedTest
    @CsvSource({
            "1, 0.01",
            "10, 0.10",
            "99, 0.99",
            "100, 1.00",
            "12345, 123.45",
            "100000000, 1000000.00",
    })
    void shouldShowFenAsYuanWithTwoDecimals(long fen, String yuan) {
        assertThat(NotificationText.yuan(fen)).isEqualTo(yuan);
    }

    @Test
    void shouldTellTheUserWhichOrderWasPaidAndHowMuch() {
        assertThat(NotificationText.paymentSucceeded(17, 12345))
                .isEqualTo("Payment of 123.45 yuan for order 17 succeeded.");
    }
}
