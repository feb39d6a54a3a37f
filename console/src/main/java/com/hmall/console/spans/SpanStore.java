package com.hmall.console.spans;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import zipkin2.Span;

/**
 * The latest traces, in memory and bounded: it shows what happens now, it is not a record of
 * anything. A map of traces, each guarded by its own lock, so spans of different payments never
 * wait for each other; the oldest trace (by first span seen) goes when there are too many, and a
 * trace keeps its first {@code maxSpansPerTrace} spans. It also remembers which service was last
 * seen consuming each queue, so a queue whose consumer has not reported yet can carry its name.
 */
public class SpanStore {

    /** The queue a Spring AMQP listener span was consuming from (RabbitListenerObservation). */
    public static final String DESTINATION_TAG = "messaging.destination.name";

    private final int maxTraces;
    private final int maxSpansPerTrace;
    private final Map<String, StoredTrace> traces = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> firstSeen = new ConcurrentLinkedQueue<>();
    private final Map<String, String> lastConsumerOfQueue = new ConcurrentHashMap<>();
    private final AtomicLong droppedSpans = new AtomicLong();

    public SpanStore(int maxTraces, int maxSpansPerTrace) {
        this.maxTraces = maxTraces;
        this.maxSpansPerTrace = maxSpansPerTrace;
    }

    public void addAll(Collection<Span> spans) {
        Map<String, List<Span>> byTrace = spans.stream().collect(Collectors.groupingBy(Span::traceId,
                LinkedHashMap::new, Collectors.toList()));
        byTrace.forEach((traceId, ofTrace) -> {
            StoredTrace trace = traces.computeIfAbsent(traceId, id -> {
                firstSeen.add(id);
                return new StoredTrace();
            });
            droppedSpans.addAndGet(trace.add(ofTrace, maxSpansPerTrace));
        });
        for (Span span : spans) {
            String queue = span.tags().get(DESTINATION_TAG);
            if (span.kind() == Span.Kind.CONSUMER && queue != null && span.localServiceName() != null) {
                lastConsumerOfQueue.put(queue, span.localServiceName());
            }
        }
        while (traces.size() > maxTraces) {
            String oldest = firstSeen.poll();
            if (oldest == null) {
                break;
            }
            traces.remove(oldest);
        }
    }

    /** Every trace's spans, each list a copy taken under that trace's lock. */
    public List<List<Span>> traces() {
        List<List<Span>> copies = new ArrayList<>(traces.size());
        for (StoredTrace trace : traces.values()) {
            copies.add(trace.spans());
        }
        return copies;
    }

    public Map<String, String> lastConsumerOfQueue() {
        return Map.copyOf(lastConsumerOfQueue);
    }

    public long droppedSpans() {
        return droppedSpans.get();
    }

    public int traceCount() {
        return traces.size();
    }

    private static final class StoredTrace {

        /** By span id and kind: a reporter that sends a span again replaces it. */
        private final Map<String, Span> spans = new LinkedHashMap<>();

        synchronized int add(List<Span> more, int max) {
            int dropped = 0;
            for (Span span : more) {
                String key = span.id() + "/" + span.kind() + "/" + span.localServiceName();
                if (spans.containsKey(key) || spans.size() < max) {
                    spans.put(key, span);
                } else {
                    dropped++;
                }
            }
            return dropped;
        }

        synchronized List<Span> spans() {
            return List.copyOf(spans.values());
        }
    }
}
