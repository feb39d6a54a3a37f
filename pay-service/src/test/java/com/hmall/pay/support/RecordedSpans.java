package com.hmall.pay.support;

import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import brave.handler.MutableSpan;
import brave.handler.SpanHandler;
import brave.propagation.TraceContext;

/**
 * Every span the application finishes, as Brave hands it to its reporters: what the console would
 * receive, read in memory. A bean of this type is picked up by Spring Boot's Brave configuration.
 */
public final class RecordedSpans extends SpanHandler {

    private final Queue<MutableSpan> finished = new ConcurrentLinkedQueue<>();

    @Override
    public boolean end(TraceContext context, MutableSpan span, Cause cause) {
        if (cause == Cause.FINISHED) {
            finished.add(span);
        }
        return true;
    }

    /** The spans of one trace finished so far, in the order they finished. */
    public List<MutableSpan> ofTrace(String traceId) {
        return finished.stream().filter(span -> span.traceId().equals(traceId)).toList();
    }

    public Optional<MutableSpan> byId(String traceId, String spanId) {
        return ofTrace(traceId).stream().filter(span -> span.id().equals(spanId)).findFirst();
    }

    /** True when {@code span} is {@code ancestor} or hangs below it, through spans recorded so far. */
    public boolean isDescendant(MutableSpan span, MutableSpan ancestor) {
        for (MutableSpan at = span; at != null; at = at.parentId() == null ? null
                : byId(at.traceId(), at.parentId()).orElse(null)) {
            if (at.id().equals(ancestor.id())) {
                return true;
            }
        }
        return false;
    }
}
