package com.hmall.points.award;

import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/** The answer to {@code GET /points/{userId}}: the total and the awards it is made of, newest first. */
public record UserPoints(
        @Schema(example = "1") long userId,
        @Schema(description = "0 for a user who never earned points", example = "100") long total,
        List<Entry> history) {

    @Schema(name = "PointsEntry")
    public record Entry(
            @Schema(description = "The trade order id", example = "1") long bizOrderNo,
            @Schema(example = "1859103449726812161") String payOrderNo,
            @Schema(example = "100") long points,
            @Schema(example = "2026-11-24T10:41:42.456Z") Instant createdAt) {

        static Entry of(PointsAward award) {
            return new Entry(award.getBizOrderNo(), award.getPayOrderNo(), award.getPoints(), award.getCreatedAt());
        }
    }

    /** The total is summed from the same rows the history shows, so the two always agree. */
    static UserPoints of(long userId, List<PointsAward> awards) {
        List<Entry> history = awards.stream().map(Entry::of).toList();
        return new UserPoints(userId, history.stream().mapToLong(Entry::points).sum(), history);
    }
}
