package com.hmall.console.spans;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

@Configuration(proxyBeanMethods = false)
class SpanConfiguration {

    @Bean
    SpanStore spanStore(@Value("${hmall.console.store.max-traces:200}") int maxTraces,
            @Value("${hmall.console.store.max-spans-per-trace:500}") int maxSpansPerTrace, MeterRegistry meters) {
        SpanStore store = new SpanStore(maxTraces, maxSpansPerTrace);
        Gauge.builder("hmall.console.traces", store, SpanStore::traceCount).description("Traces held in memory")
                .register(meters);
        Gauge.builder("hmall.console.spans.dropped", store, SpanStore::droppedSpans)
                .description("Spans beyond a trace's limit, not kept").register(meters);
        return store;
    }

    /**
     * Forwards to Zipkin when its URL is given, unless {@code hmall.console.zipkin-forward} is false:
     * compose names Zipkin's address always and switches forwarding with HMALL_TRACING_EXPORT.
     */
    @Bean
    ZipkinForwarder zipkinForwarder(@Value("${hmall.console.zipkin-url:}") String zipkinUrl,
            @Value("${hmall.console.zipkin-forward:true}") boolean forward, MeterRegistry meters) {
        return new ZipkinForwarder(forward ? zipkinUrl : null, meters);
    }
}
