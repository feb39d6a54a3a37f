package com.hmall.console.payments;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import zipkin2.Endpoint;
import zipkin2.Span;

/** Spans of one trace, the way the services report them; times in ms from {@code originMicros}. */
public final class TraceBuilder {

    public static final long ORIGIN_MICROS = 1_764_633_600_000_000L; // 2025-12-02T00:00:00Z
    private static final AtomicLong IDS = new AtomicLong(0x1000);

    final String traceId;
    final List<Span> spans = new ArrayList<>();

    public TraceBuilder(String traceId) {
        this.traceId = traceId;
    }

    public static String id() {
        return String.format("%016x", IDS.incrementAndGet());
    }

    public Span span(String parentId, String name, Span.Kind kind, String service, double startMs, double durationMs,
            Map<String, String> tags) {
        Span.Builder builder = Span.newBuilder().traceId(traceId).id(id()).name(name).kind(kind)
                .localEndpoint(Endpoint.newBuilder().serviceName(service).build())
                .timestamp(ORIGIN_MICROS + (long) (startMs * 1000)).duration((long) (durationMs * 1000));
        if (parentId != null) {
            builder.parentId(parentId);
        }
        tags.forEach(builder::putTag);
        Span span = builder.build();
        spans.add(span);
        return span;
    }

    public Span payment(String mode, String outcome, double durationMs) {
        return span(null, "balance payment", null, "pay-service", 0, durationMs,
                Map.of("mode", mode, "pay.order.no", "PAY-" + traceId.substring(0, 6), "pay.order.id", "7",
                        "user.id", "3", "amount", "1000", "outcome", outcome));
    }

    /** A pay-service step span with no call below it (pay-order, publish). */
    public Span localStep(Span payment, String step, double startMs, double durationMs, boolean error) {
        Map<String, String> tags = error ? Map.of("hmall.step", step, "hmall.step.service", "pay-service", "error", "boom")
                : Map.of("hmall.step", step, "hmall.step.service", "pay-service");
        return span(payment.id(), step, null, "pay-service", startMs, durationMs, tags);
    }

    /**
     * A Feign step: the step span, its CLIENT span, and (when {@code serverStartMs} is not null) the
     * called service's SERVER span.
     */
    public Span feignStep(Span payment, String step, String service, double startMs, double durationMs,
            Double serverStartMs, Double serverDurationMs, boolean error) {
        Map<String, String> tags = error ? Map.of("hmall.step", step, "hmall.step.service", service, "error", "503")
                : Map.of("hmall.step", step, "hmall.step.service", service);
        Span stepSpan = span(payment.id(), step, null, "pay-service", startMs, durationMs, tags);
        Span client = span(stepSpan.id(), "http put", Span.Kind.CLIENT, "pay-service", startMs + 0.1, durationMs - 0.2,
                Map.of());
        if (serverStartMs != null) {
            span(client.id(), "http put /x", Span.Kind.SERVER, service, serverStartMs, serverDurationMs,
                    error ? Map.of("error", "503") : Map.of());
        }
        return stepSpan;
    }

    public Span consumer(Span parent, String service, String queue, double startMs, double durationMs, boolean error) {
        Map<String, String> tags = error ? Map.of("messaging.destination.name", queue, "error", "listener failed")
                : Map.of("messaging.destination.name", queue);
        return span(parent.id(), queue + " receive", Span.Kind.CONSUMER, service, startMs, durationMs, tags);
    }

    public List<Span> spans() {
        return List.copyOf(spans);
    }
}
