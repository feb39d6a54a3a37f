package com.hmall.points.award;

import java.time.Instant;

/** The answer to {@code POST /points/awards}. {@code amount} is in fen. */
public record PointsAwardView(
        long id,
        long userId,
        long bizOrderNo,
        String payOrderNo,
        long amount,
        long points,
        Instant createdAt) {

    static PointsAwardView of(PointsAward award) {
        return new PointsAwardView(award.getId(), award.getUserId(), award.getBizOrderNo(), award.getPayOrderNo(),
                award.getAmount(), award.getPoints(), award.getCreatedAt());
    }
}
