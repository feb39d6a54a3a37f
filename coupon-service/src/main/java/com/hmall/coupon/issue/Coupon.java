package com.hmall.coupon.issue;

import java.time.Instant;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;
import com.hmall.payevents.PaymentNotice;

import lombok.Getter;
import lombok.Setter;

/** The coupon one payment earned. Its unique {@code payOrderNo} is what makes issuing idempotent. */
@Getter
@Setter
@TableName("coupon")
public class Coupon {

    @TableId(type = IdType.AUTO)
    private Long id;
    private Long userId;
    private String payOrderNo;
    /** Fen off the next order. */
    private Long amountOff;
    private Instant createdAt;

    static Coupon forPayment(PaymentNotice notice, Instant now) {
        Coupon coupon = new Coupon();
        coupon.setUserId(notice.userId());
        coupon.setPayOrderNo(notice.payOrderNo());
        coupon.setAmountOff(CouponRule.AMOUNT_OFF);
        coupon.setCreatedAt(now);
        return coupon;
    }
}
