package com.hmall.pay.payment;

import java.time.Instant;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;
import com.hmall.pay.mode.PaymentMode;

import lombok.Getter;
import lombok.Setter;

@Getter
@Setter
@TableName("pay_order")
public class PayOrder {

    @TableId(type = IdType.AUTO)
    private Long id;
    private String payOrderNo;
    private Long bizOrderNo;
    private Long userId;
    private Long amount;
    private PayStatus status;
    /** Names the payment attempt that holds this order; null when none does. */
    private String claimToken;
    /** When the holding attempt's lease ends (see {@link ClaimLease}). */
    private Instant claimedUntil;
    private PaymentMode payMode;
    private Instant paidAt;
    private Instant createdAt;
    private Instant updatedAt;
}
