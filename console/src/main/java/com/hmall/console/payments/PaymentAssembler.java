package com.hmall.console.payments;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.hmall.console.payments.PaymentTimeline.Lane;
import com.hmall.console.spans.SpanStore;

import zipkin2.Span;

/**
 * Turns one trace's spans into a payment's timeline. What it relies on (the span contract):
 *
 * <ul>
 *   <li>the payment: pay-service's span named {@code balance payment}, tags {@code mode},
 *       {@code pay.order.no}, {@code pay.order.id}, {@code outcome}; without it the trace is not
 *       a payment (yet) and is not shown;</li>
 *   <li>a step: any span with the tag {@code hmall.step} (and {@code hmall.step.service}, the
 *       service doing it). Where the called service's SERVER span arrived (below the step's Feign
 *       CLIENT span), the bar is that service's own start and end; where it did not (the service is
 *       down), the step span's, failed when it carries an {@code error} tag;</li>
 *   <li>a consumer: any CONSUMER span (Spring AMQP's listener observation: name
 *       {@code "<queue> receive"}, tag {@code messaging.destination.name} = the queue), one lane per
 *       service and queue, step {@code consume}; of several deliveries the latest is drawn, ok when
 *       any succeeded. No service is known by name: a new one appears with its first span;</li>
 *   <li>waiting: an async payment whose {@code publish} step succeeded, and a queue bound to
 *       {@code pay.topic} whose consumer has not reported for this trace: a waiting lane from the
 *       end of the publish until now, named after the service last seen consuming that queue.</li>
 * </ul>
 */
public final class PaymentAssembler {

    public static final String PAYMENT_SPAN = "balance payment";
    static final String STEP_TAG = "hmall.step";
    static final String STEP_SERVICE_TAG = "hmall.step.service";
    static final String ERROR_TAG = "error";
    static final String CONSUME = "consume";
    /** Set by every service on every span (the web starter's InstanceObservationFilter). */
    static final String INSTANCE_TAG = "hmall.instance";

    private PaymentAssembler() {
    }

    /**
     * @param boundQueues the queues bound to pay.topic (dead-letter queues are skipped)
     * @param lastConsumerOfQueue queue name to the service last seen consuming it
     * @param nowMicros the console's clock, for how long a waiting lane has waited
     */
    public static Optional<PaymentTimeline> assemble(Collection<Span> trace, Collection<String> boundQueues,
            Map<String, String> lastConsumerOfQueue, long nowMicros) {
        Optional<Span> found = trace.stream().filter(s -> PAYMENT_SPAN.equals(s.name()) && s.timestampAsLong() > 0)
                .max(Comparator.comparingLong(Span::timestampAsLong));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Span payment = found.get();
        long origin = payment.timestampAsLong();
        Map<String, List<Span>> children = new HashMap<>();
        for (Span span : trace) {
            if (span.parentId() != null) {
                children.computeIfAbsent(span.parentId(), id -> new ArrayList<>()).add(span);
            }
        }

        List<Lane> lanes = new ArrayList<>();
        Span lastGoodPublish = null;
        for (Span step : sortedByStart(trace.stream().filter(s -> s.tags().containsKey(STEP_TAG)).toList())) {
            String name = step.tags().get(STEP_TAG);
            String service = step.tags().getOrDefault(STEP_SERVICE_TAG, step.localServiceName());
            Optional<Span> server = calledServer(step, children);
            Span bar = server.orElse(step);
            boolean failed = failed(step) || server.map(PaymentAssembler::failed).orElse(false);
            lanes.add(lane(service, name, bar, origin, failed ? "failed" : "ok", null));
            if ("publish".equals(name) && !failed && step.timestampAsLong() > 0) {
                lastGoodPublish = step;
            }
        }

        Map<String, List<Span>> deliveries = new LinkedHashMap<>();
        for (Span consumer : sortedByStart(trace.stream().filter(s -> s.kind() == Span.Kind.CONSUMER).toList())) {
            deliveries.computeIfAbsent(consumer.localServiceName() + "\n" + queueOf(consumer), k -> new ArrayList<>())
                    .add(consumer);
        }
        Set<String> consumedQueues = new HashSet<>();
        Set<String> consumingServices = new HashSet<>();
        for (List<Span> ofOne : deliveries.values()) {
            Span latest = ofOne.get(ofOne.size() - 1);
            boolean anySucceeded = ofOne.stream().anyMatch(s -> !failed(s));
            String queue = queueOf(latest);
            String service = latest.localServiceName() != null ? latest.localServiceName() : queue;
            lanes.add(lane(service, CONSUME, latest, origin, anySucceeded ? "ok" : "failed", queue));
            if (queue != null) {
                consumedQueues.add(queue);
            }
            consumingServices.add(service);
        }

        if ("async".equals(payment.tags().get("mode")) && lastGoodPublish != null) {
            long publishEnd = lastGoodPublish.timestampAsLong() + lastGoodPublish.durationAsLong();
            for (String queue : boundQueues.stream().sorted().toList()) {
                String knownConsumer = lastConsumerOfQueue.get(queue);
                if (isDeadLetterQueue(queue) || consumedQueues.contains(queue)
                        || (knownConsumer != null && consumingServices.contains(knownConsumer))) {
                    continue;
                }
                lanes.add(new Lane(knownConsumer != null ? knownConsumer : queue, CONSUME, ms(publishEnd - origin),
                        ms(Math.max(0, nowMicros - publishEnd)), "waiting", queue, null));
            }
        }
        lanes.sort(Comparator.comparingDouble(Lane::startMs));

        Map<String, String> tags = payment.tags();
        return Optional.of(new PaymentTimeline(payment.traceId(), tags.get("pay.order.no"), parseLong(tags.get("pay.order.id")),
                parseLong(tags.get("user.id")), parseLong(tags.get("amount")), tags.get("mode"), tags.get("outcome"), ms(payment.durationAsLong()),
                Instant.ofEpochSecond(origin / 1_000_000, (origin % 1_000_000) * 1000).toString(), tags.get(ERROR_TAG), List.copyOf(lanes)));
    }

    /**
     * The SERVER span the step's call reached: the nearest one below the step, not looking past
     * another step or another server (a called service's own calls are its business).
     */
    private static Optional<Span> calledServer(Span step, Map<String, List<Span>> children) {
        Deque<Span> below = new ArrayDeque<>(children.getOrDefault(step.id(), List.of()));
        Set<String> visited = new HashSet<>();
        while (!below.isEmpty()) {
            Span span = below.poll();
            if (!visited.add(span.id() + "/" + span.kind())) {
                continue;
            }
            if (span.kind() == Span.Kind.SERVER) {
                return Optional.of(span);
            }
            if (span.tags().containsKey(STEP_TAG)) {
                continue;
            }
            below.addAll(children.getOrDefault(span.id(), List.of()));
        }
        return Optional.empty();
    }

    private static String queueOf(Span consumer) {
        String queue = consumer.tags().get(SpanStore.DESTINATION_TAG);
        if (queue != null && !queue.isEmpty()) {
            return queue;
        }
        String name = consumer.name();
        return name != null && name.endsWith(" receive") ? name.substring(0, name.length() - " receive".length()) : null;
    }

    /** pay.dlx's queues are never bound to pay.topic; the name check guards a hand-made binding. */
    private static boolean isDeadLetterQueue(String queue) {
        return queue.endsWith(".dlq");
    }

    private static boolean failed(Span span) {
        return span.tags().containsKey(ERROR_TAG);
    }

    private static List<Span> sortedByStart(List<Span> spans) {
        return spans.stream().sorted(Comparator.comparingLong(Span::timestampAsLong)).toList();
    }

    private static Lane lane(String service, String step, Span bar, long origin, String outcome, String queue) {
        return new Lane(service, step, ms(bar.timestampAsLong() - origin), ms(bar.durationAsLong()), outcome, queue,
                instanceOf(bar));
    }

    /** Which instance made the span (host:port), from its tag; null for a span without one. */
    private static String instanceOf(Span span) {
        String tagged = span.tags().get(INSTANCE_TAG);
        return tagged == null || tagged.isEmpty() ? null : tagged;
    }

    /** Microseconds to milliseconds, to the microsecond. */
    private static double ms(long micros) {
        return micros / 1000.0;
    }

    private static Long parseLong(String text) {
        try {
            return text == null ? null : Long.valueOf(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
