package com.hmall.pay.payment;

import com.hmall.pay.mode.PaymentMode;

/** Answer of a successful balance payment, with the mode it ran in. */
public record BalancePaymentResult(long id, String payOrderNo, PayStatus status, PaymentMode mode) {
}
