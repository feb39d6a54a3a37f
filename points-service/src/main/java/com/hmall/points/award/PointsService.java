package com.hmall.points.award;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

import com.baomidou.mybatisplus.core.conditions.query.LambdaQueryWrapper;
import com.hmall.payevents.PaymentNotice;

import lombok.RequiredArgsConstructor;
import lombok.extern.slf4j.Slf4j;

/**
 * Awards the points for a payment. The sync call and the event both end up in {@link #award}; the
 * unique key on {@code pay_order_no}, in the same INSERT that carries the points, lets exactly one
 * of them, or one of any number of concurrent repeats, count. A single INSERT is atomic on its own,
 * so no transaction is needed around it.
 */
@Slf4j
@Service
@RequiredArgsConstructor
public class PointsService {

    private final PointsAwardMapper pointsAwardMapper;

    /** The outcome of an award request: the award, and whether this request made it. */
    public record Awarded(PointsAwardView award, boolean created) {
    }

    public Awarded award(PaymentNotice notice) {
        PointsAward award = PointsAward.forPayment(notice, Instant.now().truncatedTo(ChronoUnit.MILLIS));
        try {
            pointsAwardMapper.insert(award);
            log.info("Awarded {} points to user {} for payment {}", award.getPoints(), notice.userId(),
                    notice.payOrderNo());
            // Answer with what was stored, so a later read shows the same thing: mysql-connector-j
            // drops the milliseconds when it talks to MariaDB 10 (it takes it for MySQL 5.5).
            return new Awarded(PointsAwardView.of(pointsAwardMapper.selectById(award.getId())), true);
        } catch (DuplicateKeyException alreadyAwarded) {
            log.debug("Payment {} already earned its points", notice.payOrderNo());
            return new Awarded(PointsAwardView.of(findByPayOrderNo(notice.payOrderNo())), false);
        }
    }

    public UserPoints findByUser(long userId) {
        return UserPoints.of(userId, pointsAwardMapper.selectList(new LambdaQueryWrapper<PointsAward>()
                .eq(PointsAward::getUserId, userId)
                .orderByDesc(PointsAward::getCreatedAt)
                .orderByDesc(PointsAward::getId)));
    }

    private PointsAward findByPayOrderNo(String payOrderNo) {
        PointsAward existing = pointsAwardMapper.selectOne(new LambdaQueryWrapper<PointsAward>()
                .eq(PointsAward::getPayOrderNo, payOrderNo));
        if (existing == null) {
            // The duplicate key said the row exists and rows are never deleted: this cannot happen.
            throw new IllegalStateException("Points award for " + payOrderNo + " vanished after a duplicate key");
        }
        return existing;
    }
}
