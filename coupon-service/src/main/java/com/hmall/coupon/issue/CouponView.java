package com.hmall.coupon.issue;

import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;

/** A coupon as {@code GET /coupons} and {@code POST /coupons} answer it. Amounts are fen. */
public record CouponView(
        @Schema(example = "1") long id,
        @Schema(example = "1") long userId,
        @Schema(example = "1859103449726812161") String payOrderNo,
        @Schema(description = "Fen off the next order", example = "500") long amountOff,
        @Schema(example = "2026-12-02T10:41:42.456Z") Instant createdAt) {

    static CouponView of(Coupon coupon) {
        return new CouponView(coupon.getId(), coupon.getUserId(), coupon.getPayOrderNo(), coupon.getAmountOff(),
                coupon.getCreatedAt());
    }
}
