package com.hmall.points.award;

import java.time.Instant;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;
import com.hmall.payevents.PaymentNotice;

import lombok.Getter;
import lombok.Setter;

/** The points one pay order earned. Its unique {@code payOrderNo} is what makes awarding idempotent. */
@Getter
@Setter
@TableName("points_award")
public class PointsAward {

    @TableId(type = IdType.AUTO)
    private Long id;
    private Long userId;
    private Long bizOrderNo;
    private String payOrderNo;
    /** Fen, kept so the points can be checked against the payment that earned them. */
    private Long amount;
    private Long points;
    private Instant createdAt;

    static PointsAward forPayment(PaymentNotice notice, Instant now) {
        PointsAward award = new PointsAward();
        award.setUserId(notice.userId());
        award.setBizOrderNo(notice.bizOrderNo());
        award.setPayOrderNo(notice.payOrderNo());
        award.setAmount(notice.amount());
        award.setPoints(PointsRule.pointsFor(notice.amount()));
        award.setCreatedAt(now);
        return award;
    }
}
