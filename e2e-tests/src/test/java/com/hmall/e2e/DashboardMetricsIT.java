package com.hmall.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.hmall.e2e.support.Broker;
import com.hmall.e2e.support.Dashboard;
import com.hmall.e2e.support.EndToEndTest;
import com.hmall.e2e.support.LocalSuite;
import com.hmall.e2e.support.Services.Reply;
import com.hmall.e2e.support.Services.Service;

/**
 * The Grafana dashboard of the observability profile asks only for metrics the services really
 * expose. After one payment in each mode and one unparseable message (so every meter has had its
 * first use), every {@code hmall_*} name in any panel's PromQL must be a sample name in some
 * service's {@code /actuator/prometheus}: exactly as written, {@code _bucket}, {@code _count},
 * {@code _sum}, {@code _max} and {@code _total} included, since that is what Prometheus stores.
 */
class DashboardMetricsIT extends EndToEndTest {

    /** Endings Micrometer adds to a meter's name in Prometheus; used only to explain a failure. */
    private static final String SAMPLE_SUFFIX = "_(bucket|count|sum|max|total|created)$";

    @Test
    void shouldFindEveryMetricTheDashboardQueriesInTheServicesScrapes() throws Exception {
        Set<String> queried = Dashboard.load(LocalSuite.repositoryRoot()).metricNames("hmall_");
        assertThat(queried).as("hmall_* metrics in %s", Dashboard.PATH).isNotEmpty();

        setMode("sync");
        Purchase sync = newPurchase(100_000, 10_000);
        Reply paidSync = pay(sync.payOrderId(), PASSWORD);
        assertThat(paidSync.status()).as("sync payment: %s", paidSync.body()).isEqualTo(200);
        assertThat(paidSync.text("mode")).isEqualTo("sync");

        setMode("async");
        String poison = "e2e-dashboard-poison-" + UUID.randomUUID();
        try (Broker broker = new Broker()) {
            // Dead-lettered by every consumer, so the dead-letter counters exist however they are registered.
            broker.publish("pay.topic", "pay.success", poison, "{this is not json");

            Purchase async = newPurchase(100_000, 10_000);
            Reply paidAsync = pay(async.payOrderId(), PASSWORD);
            assertThat(paidAsync.status()).as("async payment: %s", paidAsync.body()).isEqualTo(200);
            assertThat(paidAsync.text("mode")).isEqualTo("async");
            eventually().untilAsserted(() -> {
                assertThat(orderStatus(async.orderId())).isEqualTo("PAID");
                assertThat(notificationsFor(async.userId(), async.payOrderNo())).isEqualTo(1);
                assertThat(awardsFor(async.userId(), async.payOrderNo())).isEqualTo(1);
            });

            eventually().untilAsserted(() -> {
                Map<String, Set<String>> exposed = sampleNamesByService();
                Set<String> everywhere = exposed.values().stream().flatMap(Set::stream)
                        .collect(Collectors.toCollection(TreeSet::new));
                Set<String> missing = new TreeSet<>(queried);
                missing.removeAll(everywhere);
                assertThat(missing).as("queried by the dashboard but in no scrape; what the services expose of "
                        + "those meters: %s", related(missing, exposed)).isEmpty();
            });

            // Leave the dead-letter queues as they were.
            for (String deadLetterQueue : new String[] { "trade.pay.success.dlq", "notify.pay.success.dlq",
                    "points.pay.success.dlq" }) {
                eventually().untilAsserted(() -> assertThat(broker.takeMessage(deadLetterQueue, poison))
                        .as("poison message in %s", deadLetterQueue).isTrue());
            }
        }
    }

    /** The sample names (label sets and values left out) of each service's Prometheus scrape. */
    private Map<String, Set<String>> sampleNamesByService() {
        Map<String, Set<String>> names = new TreeMap<>();
        for (Service service : services.all()) {
            Set<String> samples = new TreeSet<>();
            for (String line : service.getText("/actuator/prometheus").split("\n")) {
                String sample = line.strip();
                if (!sample.isEmpty() && !sample.startsWith("#")) {
                    samples.add(sample.split("[{\\s]", 2)[0]);
                }
            }
            names.put(service.name(), samples);
        }
        return names;
    }

    /** For each missing name, the samples of the same meter that some service does expose. */
    private static Map<String, Map<String, Set<String>>> related(Set<String> missing, Map<String, Set<String>> exposed) {
        Map<String, Map<String, Set<String>>> related = new TreeMap<>();
        for (String name : missing) {
            String meter = name.replaceFirst(SAMPLE_SUFFIX, "");
            Map<String, Set<String>> byService = new TreeMap<>();
            exposed.forEach((service, samples) -> {
                Set<String> same = samples.stream().filter(sample -> sample.startsWith(meter))
                        .collect(Collectors.toCollection(TreeSet::new));
                if (!same.isEmpty()) {
                    byService.put(service, same);
                }
            });
            related.put(name, byService);
        }
        return related;
    }
}
