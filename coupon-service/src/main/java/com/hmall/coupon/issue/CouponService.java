package com.hmall.coupon.issue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

import com.baomidou.mybatisplus.core.conditions.query.LambdaQueryWrapper;
import com.hmall.payevents.PaymentNotice;

import lombok.RequiredArgsConstructor;
import lombok.extern.slf4j.Slf4j;

/**
 * Issues the coupon a payment earns. The unique key on {@code pay_order_no}, in the same INSERT
 * that writes the coupon, lets exactly one of any number of deliveries of one payment count: a
 * redelivery or a duplicate event is a duplicate key, and answers the coupon already issued.
 */
@Slf4j
@Service
@RequiredArgsConstructor
public class CouponService {

    private final CouponMapper couponMapper;

    /** The outcome: the payment's coupon (empty when it does not qualify), and whether this call issued it. */
    public record Issued(Optional<CouponView> coupon, boolean created) {
    }

    public Issued issue(PaymentNotice notice) {
        if (!CouponRule.qualifies(notice.amount())) {
            return new Issued(Optional.empty(), false);
        }
        Coupon coupon = Coupon.forPayment(notice, Instant.now().truncatedTo(ChronoUnit.MILLIS));
        try {
            couponMapper.insert(coupon);
            log.info("Issued a coupon of {} fen to user {} for payment {}", coupon.getAmountOff(), notice.userId(),
                    notice.payOrderNo());
            // What was stored, so a later read answers the same (MariaDB may keep fewer digits of time).
            return new Issued(Optional.of(CouponView.of(couponMapper.selectById(coupon.getId()))), true);
        } catch (DuplicateKeyException alreadyIssued) {
            Coupon existing = couponMapper.selectOne(new LambdaQueryWrapper<Coupon>()
                    .eq(Coupon::getPayOrderNo, notice.payOrderNo()));
            return new Issued(Optional.of(CouponView.of(existing)), false);
        }
    }

    public List<CouponView> findByUser(long userId) {
        return couponMapper.selectList(new LambdaQueryWrapper<Coupon>()
                .eq(Coupon::getUserId, userId)
                .orderByDesc(Coupon::getCreatedAt)
                .orderByDesc(Coupon::getId)).stream().map(CouponView::of).toList();
    }
}
