package com.hmall.points.award;

import java.time.Instant;
import java.util.List;

/** The answer to {@code GET /points/{userId}}: the total and the awards it is made of, newest first. */
public record UserPoints(long userId, long total, List<Entry> history) {

    public record Entry(long bizOrderNo, String payOrderNo, long points, Instant createdAt) {

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
