package com.hmall.e2e.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.hmall.e2e.support.EndToEndTest.Purchase;
import com.hmall.e2e.support.Services.Service;

/**
 * How long publishing and consuming stalled in one scenario, measured from outside the services:
 *
 * <ul>
 * <li><b>confirm p99</b>: pay-service's own timer of the publish step ({@code hmall.payment.step},
 * {@code step="publish"}), from the relay's send to the moment it saw the broker's confirm (or gave
 * up), as a histogram on {@code /actuator/prometheus}, read from every pay-service instance before
 * and after the scenario; the p99 is the upper bound of the histogram bucket it falls in. A publish
 * that failed at once (no connection) counts with its short time; what it cost shows in the next
 * figure. An instance killed during the scenario loses what it counted since the first reading.</li>
 * <li><b>slowest event from commit to confirm</b>: the outbox row's {@code sent_at - created_at},
 * over the scenario's payments: what a stall of publishing (retries, back-off) really cost.</li>
 * <li><b>longest gap between effects</b>: for each consumer, its effect rows of the scenario's
 * payments ({@code notification.created_at}, {@code points_award.created_at},
 * {@code trade_order.pay_time}, {@code coupon.created_at}, each stamped by the consumer as it handles
 * the event) in time order, the longest time between two; next to the longest gap between the
 * payments themselves ({@code pay_order.paid_at}), since consumers cannot go faster than payments.</li>
 * <li><b>slowest effect</b>: the longest time from a payment's commit ({@code paid_at}) to one of its
 * effects.</li>
 * </ul>
 */
record Stalls(double confirmP99Millis, long publishes, long slowestEventMillis, long retriedEvents,
        long longestEffectGapMillis, String gapConsumer, long longestPaymentGapMillis, long slowestEffectMillis,
        String slowestConsumer) {

    private static final Pattern BUCKET = Pattern.compile(
            "^hmall_payment_step_seconds_bucket\\{([^}]*)}\\s+(\\S+)", Pattern.MULTILINE);
    private static final Pattern LE = Pattern.compile("le=\"([^\"]+)\"");

    /** The consumers' effect rows: database, table, pay order number column, time column. */
    private static final List<String[]> EFFECTS = List.of(
            new String[] {"trade-service", "hm_trade", "trade_order", "pay_time"},
            new String[] {"notify-service", "hm_notify", "notification", "created_at"},
            new String[] {"points-service", "hm_points", "points_award", "created_at"},
            new String[] {"coupon-service", "hm_coupon", "coupon", "created_at"});

    String describe() {
        return String.format("publishing: confirm p99 <= %.1f ms (%d publishes), slowest event %.1f s from commit to"
                        + " confirm, %d events retried; consuming: longest gap between effects %.1f s (%s; between"
                        + " payments %.1f s), slowest effect %.1f s after its payment (%s)",
                confirmP99Millis, publishes, slowestEventMillis / 1000.0, retriedEvents, longestEffectGapMillis / 1000.0,
                gapConsumer, longestPaymentGapMillis / 1000.0, slowestEffectMillis / 1000.0, slowestConsumer);
    }

    /** The publish step's histogram of each pay-service instance: cumulative count by bucket bound (seconds). */
    record Histograms(List<TreeMap<Double, Double>> byInstance) {

        static Histograms read(List<Service> payInstances) {
            List<TreeMap<Double, Double>> histograms = new ArrayList<>();
            for (Service instance : payInstances) {
                TreeMap<Double, Double> buckets = new TreeMap<>();
                try {
                    Matcher line = BUCKET.matcher(instance.getText("/actuator/prometheus"));
                    while (line.find()) {
                        if (!line.group(1).contains("step=\"publish\"")) {
                            continue;
                        }
                        Matcher le = LE.matcher(line.group(1));
                        if (le.find()) {
                            double bound = "+Inf".equals(le.group(1)) ? Double.POSITIVE_INFINITY : Double.parseDouble(le.group(1));
                            buckets.merge(bound, Double.parseDouble(line.group(2)), Double::sum);
                        }
                    }
                } catch (RuntimeException down) {
                    // An instance that does not answer counted nothing we can read.
                }
                histograms.add(buckets);
            }
            return new Histograms(histograms);
        }

        /** What was counted between {@code before} and this reading; an instance that restarted counts from zero. */
        TreeMap<Double, Double> since(Histograms before) {
            TreeMap<Double, Double> delta = new TreeMap<>();
            for (int i = 0; i < byInstance.size(); i++) {
                TreeMap<Double, Double> now = byInstance.get(i);
                TreeMap<Double, Double> then = i < before.byInstance.size() ? before.byInstance.get(i) : new TreeMap<>();
                boolean restarted = now.getOrDefault(Double.POSITIVE_INFINITY, 0.0)
                        < then.getOrDefault(Double.POSITIVE_INFINITY, 0.0);
                now.forEach((bound, count) -> delta.merge(bound, restarted ? count : count - then.getOrDefault(bound, 0.0),
                        Double::sum));
            }
            return delta;
        }
    }

    static Stalls measure(Histograms before, Histograms after, List<Purchase> purchases) throws SQLException {
        TreeMap<Double, Double> publishes = after.since(before);
        double total = publishes.getOrDefault(Double.POSITIVE_INFINITY, 0.0);
        double p99 = Double.NaN;
        for (Map.Entry<Double, Double> bucket : publishes.entrySet()) {
            if (total > 0 && bucket.getValue() >= Math.ceil(total * 0.99)) {
                p99 = bucket.getKey() * 1000;
                break;
            }
        }
        String ids = purchases.stream().map(p -> String.valueOf(p.payOrderId())).collect(Collectors.joining(","));
        String numbers = purchases.stream().map(p -> "'" + p.payOrderNo() + "'").collect(Collectors.joining(","));
        String suffix = ClusterSuite.DATABASE_SUFFIX;
        try (Connection db = ClusterSuite.database()) {
            long slowestEvent = 0;
            long retried = 0;
            try (PreparedStatement query = db.prepareStatement("SELECT COALESCE(MAX(TIMESTAMPDIFF(MICROSECOND, created_at,"
                    + " sent_at)), 0) DIV 1000, COALESCE(SUM(attempts > 0), 0) FROM hm_pay" + suffix
                    + ".outbox_event WHERE pay_order_id IN (" + ids + ")"); ResultSet row = query.executeQuery()) {
                row.next();
                slowestEvent = row.getLong(1);
                retried = row.getLong(2);
            }
            Map<String, Long> paidAt = times(db, "SELECT pay_order_no, paid_at FROM hm_pay" + suffix
                    + ".pay_order WHERE id IN (" + ids + ") AND paid_at IS NOT NULL");
            long paymentGap = longestGap(paidAt.values());
            long effectGap = 0;
            String gapConsumer = "none";
            long slowest = 0;
            String slowestConsumer = "none";
            for (String[] effect : EFFECTS) {
                Map<String, Long> effects;
                try {
                    effects = times(db, "SELECT pay_order_no, " + effect[3] + " FROM " + effect[1] + suffix + "."
                            + effect[2] + " WHERE pay_order_no IN (" + numbers + ") AND " + effect[3] + " IS NOT NULL");
                } catch (SQLException notThere) {
                    continue;
                }
                long gap = longestGap(effects.values());
                if (gap > effectGap) {
                    effectGap = gap;
                    gapConsumer = effect[0];
                }
                for (Map.Entry<String, Long> handled : effects.entrySet()) {
                    Long paid = paidAt.get(handled.getKey());
                    if (paid != null && handled.getValue() - paid > slowest) {
                        slowest = handled.getValue() - paid;
                        slowestConsumer = effect[0];
                    }
                }
            }
            return new Stalls(p99, Math.round(total), slowestEvent, retried, effectGap, gapConsumer, paymentGap, slowest,
                    slowestConsumer);
        }
    }

    private static Map<String, Long> times(Connection db, String sql) throws SQLException {
        Map<String, Long> times = new HashMap<>();
        try (PreparedStatement query = db.prepareStatement(sql); ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                Timestamp at = rows.getTimestamp(2);
                times.put(new String(rows.getBytes(1), java.nio.charset.StandardCharsets.UTF_8), at.getTime());
            }
        }
        return times;
    }

    private static long longestGap(java.util.Collection<Long> times) {
        List<Long> sorted = new ArrayList<>(times);
        Collections.sort(sorted);
        long longest = 0;
        for (int i = 1; i < sorted.size(); i++) {
            longest = Math.max(longest, sorted.get(i) - sorted.get(i - 1));
        }
        return longest;
    }
}
