package com.hmall.pay.outbox;

import java.util.HashMap;
import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

/**
 * Carries a payment's trace across the outbox. The row is written inside the payment's request, but
 * published later by the relay's own thread, where that trace is no longer current: so the row
 * stores the W3C {@code traceparent} of the moment it was written, and the relay resumes the trace
 * from it before publishing. The consumers then log and trace under the payment's trace id.
 */
@Component
class OutboxTraceContext {

    private static final String TRACEPARENT = "traceparent";

    private final Tracer tracer;
    private final Propagator propagator;

    OutboxTraceContext(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        this.tracer = tracer.getIfAvailable(() -> Tracer.NOOP);
        this.propagator = propagator.getIfAvailable(() -> Propagator.NOOP);
    }

    /** @return the current trace context as a traceparent, or null outside any trace */
    String current() {
        TraceContext context = tracer.currentTraceContext().context();
        if (context == null) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>();
        propagator.inject(context, carrier, Map::put);
        return carrier.get(TRACEPARENT);
    }

    /**
     * Starts the relay's span for one row: a child of the payment that wrote it when the row carries
     * its traceparent, else the root of a new trace. The caller ends it.
     */
    Span resume(String traceParent) {
        Span.Builder builder = traceParent == null
                ? tracer.spanBuilder()
                : propagator.extract(Map.of(TRACEPARENT, traceParent), Map::get);
        return builder.name("outbox relay").start();
    }

    Tracer.SpanInScope inScope(Span span) {
        return tracer.withSpan(span);
    }
}
