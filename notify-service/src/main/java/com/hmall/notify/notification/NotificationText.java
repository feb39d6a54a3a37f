package com.hmall.notify.notification;

import java.math.BigDecimal;

/** The words a user reads. Amounts arrive in fen and are shown in yuan, never through floating point. */
final class NotificationText {

    private static final int FEN_DIGITS = 2;

    private NotificationText() {
    }

    static String paymentSucceeded(long bizOrderNo, long amountFen) {
        return "Payment of " + yuan(amountFen) + " yuan for order " + bizOrderNo + " succeeded.";
    }

    /** {@code 12345} fen reads {@code "123.45"}, {@code 5} reads {@code "0.05"}. */
    static String yuan(long fen) {
        return BigDecimal.valueOf(fen).movePointLeft(FEN_DIGITS).toPlainString();
    }
}
