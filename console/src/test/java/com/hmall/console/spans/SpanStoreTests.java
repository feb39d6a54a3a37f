package com.hmall.console.spans;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;

import com.hmall.console.payments.TraceBuilder;

import zipkin2.Span;

class SpanStoreTests {

    @Test
    void shouldKeepTheLatestTracesAndEvictTheOldest() {
        SpanStore store = new SpanStore(3, 10);
        for (int i = 1; i <= 5; i++) {
            store.addAll(payment(i));
        }

        assertThat(store.traceCount()).isEqualTo(3);
        assertThat(store.traces()).extracting(spans -> spans.get(0).traceId())
                .containsExactlyInAnyOrder(traceId(3), traceId(4), traceId(5));
    }

    @Test
    void shouldKeepAtMostTheLimitOfSpansPerTraceAndReplaceASpanSentAgain() {
        SpanStore store = new SpanStore(10, 3);
        TraceBuilder trace = new TraceBuilder(traceId(7));
        Span payment = trace.payment("async", "SUCCESS", 10);
        for (int i = 0; i < 4; i++) {
            trace.localStep(payment, "publish", i, 1, false);
        }
        store.addAll(trace.spans());
        store.addAll(List.of(payment.toBuilder().putTag("outcome", "ALREADY_PAID").build()));

        List<Span> kept = store.traces().get(0);
        assertThat(kept).hasSize(3);
        assertThat(store.droppedSpans()).isEqualTo(2);
        assertThat(kept).filteredOn(span -> span.id().equals(payment.id())).singleElement()
                .satisfies(span -> assertThat(span.tags()).containsEntry("outcome", "ALREADY_PAID"));
    }

    @Test
    void shouldRememberWhichServiceLastConsumedEachQueue() {
        SpanStore store = new SpanStore(10, 10);
        TraceBuilder trace = new TraceBuilder(traceId(8));
        Span payment = trace.payment("async", "SUCCESS", 10);
        trace.consumer(payment, "notify-service", "notify.pay.success.queue", 12, 1, false);
        trace.consumer(payment, "coupon-service", "coupon.pay.success.queue", 12, 1, false);
        store.addAll(trace.spans());

        assertThat(store.lastConsumerOfQueue()).isEqualTo(Map.of("notify.pay.success.queue", "notify-service",
                "coupon.pay.success.queue", "coupon-service"));
    }

    @Test
    void shouldStayWithinItsBoundsUnderConcurrentBatches() throws Exception {
        SpanStore store = new SpanStore(50, 500);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<Void>> batches = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                batches.add(CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < 200; i++) {
                        store.addAll(payment(thread * 1000 + i));
                        store.traces();
                    }
                }, threads));
            }
            CompletableFuture.allOf(batches.toArray(CompletableFuture[]::new)).get();
        } finally {
            threads.shutdownNow();
        }
        assertThat(store.traceCount()).isLessThanOrEqualTo(50);
        assertThat(store.traces()).allSatisfy(spans -> assertThat(spans).hasSize(1));
    }

    private static List<Span> payment(int i) {
        TraceBuilder trace = new TraceBuilder(traceId(i));
        trace.payment("sync", "SUCCESS", 1);
        return trace.spans();
    }

    private static String traceId(int i) {
        return String.format("a%031x", i + 1); // a 128-bit id whose high half is 0 would be shortened by Zipkin
    }
}
