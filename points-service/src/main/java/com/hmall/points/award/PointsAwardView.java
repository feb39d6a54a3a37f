package com.hmall.points.award;

import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;

/** The answer to {@code POST /points/awards}. {@code amount} is in fen. */
public record PointsAwardView(
        @Schema(example = "1") long id,
        @Schema(example = "1") long userId,
        @Schema(description = "The trade order id", example = "1") long bizOrderNo,
        @Schema(example = "1859103449726812161") String payOrderNo,
        @Schema(description = "Fen paid", example = "10000") long amount,
        @Schema(description = "One per whole yuan", example = "100") long points,
        @Schema(example = "2026-11-24T10:41:42.456Z") Instant createdAt) {

    static PointsAwardView of(PointsAward award) {
        return new PointsAwardView(award.getId(), award.getUserId(), award.getBizOrderNo(), award.getPayOrderNo(),
                award.getAmount(), award.getPoints(), award.getCreatedAt());
    }
}
