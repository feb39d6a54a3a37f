package com.hmall.e2e.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
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
 * <li><b>longest an event stayed unsent</b>: how long one outbox row stayed the oldest unsent one
 * ({@link EffectWatch}, polled); and how many of the scenario's events needed more than one attempt.</li>
 * <li><b>longest gap between effects</b>: for each consumer, the longest time its effect rows did
 * not grow ({@link EffectWatch}); next to the payments' own longest gap, since consumers cannot go
 * faster than payments.</li>
 * </ul>
 */
record Stalls(double confirmP99Millis, long publishes, long longestUnsentMillis, long retriedEvents,
        long longestEffectGapMillis, String gapConsumer, long longestPaymentGapMillis) {

    private static final Pattern BUCKET = Pattern.compile(
            "^hmall_payment_step_seconds_bucket\\{([^}]*)}\\s+(\\S+)", Pattern.MULTILINE);
    private static final Pattern LE = Pattern.compile("le=\"([^\"]+)\"");

    String describe() {
        return String.format("publishing: confirm p99 <= %.1f ms (%d publishes), longest an event stayed unsent %.2f s,"
                        + " %d events published more than once; consuming: longest gap between effects %.2f s (%s;"
                        + " between payments %.2f s)",
                confirmP99Millis, publishes, longestUnsentMillis / 1000.0, retriedEvents, longestEffectGapMillis / 1000.0,
                gapConsumer, longestPaymentGapMillis / 1000.0);
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

    static Stalls measure(Histograms before, Histograms after, EffectWatch watch, List<Purchase> purchases)
            throws SQLException {
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
        long retried;
        // attempts counts every try, the one that was confirmed included.
        try (Connection db = ClusterSuite.database(); PreparedStatement query = db.prepareStatement(
                "SELECT COALESCE(SUM(attempts > 1), 0) FROM hm_pay" + ClusterSuite.DATABASE_SUFFIX
                        + ".outbox_event WHERE pay_order_id IN (" + ids + ")");
                ResultSet row = query.executeQuery()) {
            row.next();
            retried = row.getLong(1);
        }
        String consumer = watch.slowestConsumer();
        return new Stalls(p99, Math.round(total), watch.longestUnsentMillis(), retried, watch.longestGapMillis(consumer),
                consumer, watch.longestGapMillis("payments"));
    }
}
