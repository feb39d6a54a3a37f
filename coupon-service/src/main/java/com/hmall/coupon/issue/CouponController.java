package com.hmall.coupon.issue;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.hmall.payevents.PaymentNotice;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Positive;
import lombok.RequiredArgsConstructor;

/**
 * A user's coupons, and the sync path a coupon would take if pay-service called coupon-service
 * the way it calls points-service: {@code POST /coupons} is what docs/sync-coupon.patch calls, and
 * what the walkthrough's chapter 5 times. In async mode nothing calls it.
 */
@Tag(name = "Coupons", description = "500 fen off for every payment of at least 10000 fen, exactly one per payOrderNo")
@RestController
@RequestMapping("/coupons")
@RequiredArgsConstructor
class CouponController {

    private final CouponService couponService;

    @GetMapping
    @Operation(summary = "Read a user's coupons, newest first")
    List<CouponView> findByUser(@RequestParam @Positive long userId) {
        return couponService.findByUser(userId);
    }

    @PostMapping
    @Operation(summary = "Issue the coupon of a payment (the sync path)")
    @ApiResponse(responseCode = "201", description = "Issued now")
    @ApiResponse(responseCode = "200", description = "Already issued for this payOrderNo: the existing coupon")
    @ApiResponse(responseCode = "204", description = "The payment is below 10000 fen: no coupon")
    ResponseEntity<CouponView> issue(@Valid @RequestBody PaymentNotice notice) {
        CouponService.Issued issued = couponService.issue(notice);
        return issued.coupon()
                .map(coupon -> ResponseEntity.status(issued.created() ? HttpStatus.CREATED : HttpStatus.OK).body(coupon))
                .orElseGet(() -> ResponseEntity.noContent().build());
    }
}
