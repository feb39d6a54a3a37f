package com.hmall.e2e.cluster;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Watches the suite's databases from outside while a scenario runs, every {@value #POLL_MILLIS} ms:
 * how many payments and how many effects of each consumer there are, and which outbox row is the
 * oldest not yet sent. The rows' own time stamps cannot serve: on this machine (MariaDB 10.11,
 * Connector/J) the services' {@code DATETIME(3)} values arrive in whole seconds. So the figures are
 * times between two polls that saw a change, exact to a poll interval:
 *
 * <ul>
 * <li>per consumer (and for the payments), the longest time its count did not grow, between its
 * first and its last growth in the scenario;</li>
 * <li>the longest time one outbox row stayed the oldest unsent one: how long publishing stalled.</li>
 * </ul>
 */
final class EffectWatch implements AutoCloseable {

    static final long POLL_MILLIS = 250;
    private static final String S = ClusterSuite.DATABASE_SUFFIX;
    private static final Map<String, String> COUNTS = new LinkedHashMap<>();

    static {
        COUNTS.put("payments", "SELECT COUNT(*) FROM hm_pay" + S + ".pay_order WHERE paid_at IS NOT NULL");
        COUNTS.put("trade-service", "SELECT COUNT(*) FROM hm_trade" + S + ".trade_order WHERE status = 'PAID'");
        COUNTS.put("notify-service", "SELECT COUNT(*) FROM hm_notify" + S + ".notification");
        COUNTS.put("points-service", "SELECT COUNT(*) FROM hm_points" + S + ".points_award");
        COUNTS.put("coupon-service", "SELECT COUNT(*) FROM hm_coupon" + S + ".coupon");
    }

    private final Connection db;
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor();
    private final Map<String, long[]> series = new LinkedHashMap<>();
    private long oldestUnsent = -1;
    private long oldestUnsentSince;
    private long longestUnsentNanos;
    private volatile SQLException failure;

    private EffectWatch(Connection db) {
        this.db = db;
        // Per series: last count, time of the last growth (0 before the first), longest gap.
        COUNTS.keySet().forEach(name -> series.put(name, new long[] {-1, 0, 0}));
    }

    static EffectWatch start() throws SQLException {
        EffectWatch watch = new EffectWatch(ClusterSuite.database());
        watch.poll();
        watch.poller.scheduleWithFixedDelay(watch::poll, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
        return watch;
    }

    private synchronized void poll() {
        try (Statement statement = db.createStatement()) {
            long now = System.nanoTime();
            for (Map.Entry<String, String> count : COUNTS.entrySet()) {
                try (ResultSet row = statement.executeQuery(count.getValue())) {
                    row.next();
                    long[] s = series.get(count.getKey());
                    long value = row.getLong(1);
                    if (s[0] >= 0 && value > s[0]) {
                        if (s[1] != 0) {
                            s[2] = Math.max(s[2], now - s[1]);
                        }
                        s[1] = now;
                    }
                    s[0] = value;
                }
            }
            try (ResultSet row = statement.executeQuery(
                    "SELECT COALESCE(MIN(id), -1) FROM hm_pay" + S + ".outbox_event WHERE sent_at IS NULL")) {
                row.next();
                long oldest = row.getLong(1);
                if (oldest != oldestUnsent) {
                    oldestUnsent = oldest;
                    oldestUnsentSince = now;
                } else if (oldest != -1) {
                    longestUnsentNanos = Math.max(longestUnsentNanos, now - oldestUnsentSince);
                }
            }
        } catch (SQLException e) {
            failure = e;
        }
    }

    /** The longest time the count did not grow, in ms: "payments", or a consumer's name. */
    synchronized long longestGapMillis(String name) {
        return TimeUnit.NANOSECONDS.toMillis(series.get(name)[2]);
    }

    /** The consumer whose count stood still longest. */
    synchronized String slowestConsumer() {
        return series.entrySet().stream().filter(e -> !e.getKey().equals("payments"))
                .max(Map.Entry.comparingByValue((a, b) -> Long.compare(a[2], b[2]))).orElseThrow().getKey();
    }

    synchronized long longestUnsentMillis() {
        return TimeUnit.NANOSECONDS.toMillis(longestUnsentNanos);
    }

    @Override
    public void close() throws SQLException {
        poller.shutdownNow();
        synchronized (this) {
            db.close();
        }
        if (failure != null) {
            throw failure;
        }
    }
}
