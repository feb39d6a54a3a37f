package com.hmall.points.award;

/** One point per whole yuan paid. The fen left over earn nothing: 1.99 yuan is 1 point. */
public final class PointsRule {

    static final long FEN_PER_YUAN = 100;

    private PointsRule() {
    }

    public static long pointsFor(long amountFen) {
        if (amountFen < 0) {
            throw new IllegalArgumentException("A payment amount cannot be negative: " + amountFen);
        }
        return amountFen / FEN_PER_YUAN;
    }
}
