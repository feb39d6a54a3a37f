package com.hmall.pay.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import com.hmall.pay.steps.PaymentObservations;
import com.hmall.pay.steps.PaymentStep;

import io.micrometer.observation.Observation;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import lombok.extern.slf4j.Slf4j;

/**
 * Publishes outbox rows with publisher confirms and {@code mandatory}. A row counts as sent only
 * when the broker acked it and did not return it as unroutable; anything else (no connection, a
 * nack, a return, no confirm in time) leaves it unsent with a growing back-off, and the next pass
 * tries again. Rows are locked with {@code SKIP LOCKED}, so several pay-service instances can relay
 * side by side without publishing a row twice at the same time.
 *
 * <p>Delivery is at least once (a confirm can be lost after the broker took the message); the
 * consumers are idempotent per {@code payOrderNo} for exactly that reason.
 */
@Slf4j
@Component
public class OutboxRelay implements DisposableBean {

    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final int MAX_ERROR_LENGTH = 255;

    private final OutboxMapper rows;
    private final RabbitTemplate rabbitTemplate;
    private final OutboxProperties properties;
    private final TransactionTemplate transactions;
    private final OutboxTraceContext traceContext;
    private final PaymentObservations observations;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "outbox-relay"));
    private final AtomicBoolean passQueued = new AtomicBoolean();

    OutboxRelay(OutboxMapper rows, RabbitTemplate rabbitTemplate, OutboxProperties properties,
            PlatformTransactionManager transactionManager, OutboxTraceContext traceContext,
            PaymentObservations observations) {
        this.rows = rows;
        this.rabbitTemplate = rabbitTemplate;
        this.properties = properties;
        this.traceContext = traceContext;
        this.observations = observations;
        this.transactions = new TransactionTemplate(transactionManager);
        // Read committed: the locking read takes no gap locks, so payments can keep inserting rows
        // while a batch is being published.
        this.transactions.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
    }

    /** Asks for a relay pass soon; calls while one is already queued fold into it. */
    public void publishSoon() {
        if (passQueued.compareAndSet(false, true)) {
            worker.execute(this::relayAllDue);
        }
    }

    /** Picks up what the after-commit trigger could not send: broker outages, nacks, a crash. */
    @Scheduled(fixedDelayString = "${pay.outbox.sweep-interval-ms:1000}")
    void sweep() {
        publishSoon();
    }

    @Scheduled(fixedDelayString = "${pay.outbox.cleanup-interval-ms:3600000}")
    void deleteOldSentRows() {
        int deleted = rows.deleteSentBefore(Instant.now().minus(properties.retention()), 10_000);
        if (deleted > 0) {
            log.info("Deleted {} outbox rows sent more than {} ago", deleted, properties.retention());
        }
    }

    private void relayAllDue() {
        passQueued.set(false);
        try {
            int relayed;
            do {
                relayed = relayOneBatch();
            } while (relayed == properties.batchSize());
        } catch (RuntimeException e) {
            log.warn("Outbox relay pass failed, the next sweep retries: {}", e.toString());
        }
    }

    /** @return how many rows this batch locked (sent or not) */
    int relayOneBatch() {
        Integer locked = transactions.execute(tx -> {
            List<OutboxEvent> due = rows.lockDue(Instant.now(), properties.batchSize());
            if (due.isEmpty()) {
                return 0;
            }
            List<Published> published = publishAll(due);
            List<Long> sent = new ArrayList<>();
            long deadline = System.nanoTime() + properties.confirmTimeout().toNanos();
            for (Published p : published) {
                String failure = p.awaitFailure(deadline);
                p.finish(failure);
                if (failure == null) {
                    sent.add(p.row().getId());
                } else {
                    markFailed(p.row(), failure);
                }
            }
            if (!sent.isEmpty()) {
                rows.markSent(sent, Instant.now());
            }
            return due.size();
        });
        return locked == null ? 0 : locked;
    }

    private List<Published> publishAll(List<OutboxEvent> due) {
        List<Published> published = new ArrayList<>(due.size());
        for (OutboxEvent row : due) {
            published.add(publish(row));
        }
        return published;
    }

    /**
     * Sends one row inside the trace of the payment that wrote it, as that payment's "publish"
     * step: the message carries the step's traceparent, so each consumer continues the same trace.
     */
    private Published publish(OutboxEvent row) {
        CorrelationData correlation = new CorrelationData(row.getEventId());
        Span relaySpan = traceContext.resume(row.getTraceParent());
        try (Tracer.SpanInScope inTrace = traceContext.inScope(relaySpan)) {
            Observation step = observations.startStep(PaymentStep.PUBLISH,
                    row.getPayOrderId() == null ? 0 : row.getPayOrderId());
            try (Observation.Scope scope = step.openScope()) {
                rabbitTemplate.send(row.getExchangeName(), row.getRoutingKey(), toMessage(row), correlation);
                return new Published(row, correlation, null, step, relaySpan);
            } catch (RuntimeException e) {
                return new Published(row, correlation, "publish failed: " + e.getMessage(), step, relaySpan);
            }
        }
    }

    private void markFailed(OutboxEvent row, String failure) {
        int attempts = row.getAttempts() + 1;
        Instant next = Instant.now().plus(backoff(attempts));
        log.warn("Event {} not published (attempt {}): {}; next try at {}", row.getEventId(), attempts, failure, next);
        rows.markFailed(row.getId(), next, failure.length() > MAX_ERROR_LENGTH
                ? failure.substring(0, MAX_ERROR_LENGTH) : failure);
    }

    Duration backoff(int attempts) {
        Duration backoff = FIRST_BACKOFF.multipliedBy(1L << Math.min(attempts - 1, 20));
        return backoff.compareTo(properties.maxBackoff()) > 0 ? properties.maxBackoff() : backoff;
    }

    private static Message toMessage(OutboxEvent row) {
        return MessageBuilder.withBody(row.getPayload().getBytes(StandardCharsets.UTF_8))
                .setContentType(MessageProperties.CONTENT_TYPE_JSON)
                .setContentEncoding(StandardCharsets.UTF_8.name())
                .setMessageId(row.getEventId())
                .setDeliveryMode(MessageDeliveryMode.PERSISTENT)
                .build();
    }

    @Override
    public void destroy() throws InterruptedException {
        worker.shutdown();
        worker.awaitTermination(properties.confirmTimeout().toSeconds() + 1, TimeUnit.SECONDS);
    }

    /** A row handed to the broker, and how to learn whether the broker really took it. */
    private record Published(OutboxEvent row, CorrelationData correlation, String publishFailure,
            Observation step, Span relaySpan) {

        /** Ends the publish step (failed unless the broker took the message) and the relay's span. */
        void finish(String failure) {
            if (failure != null) {
                step.error(new IllegalStateException(failure));
            }
            step.stop();
            relaySpan.end();
        }

        /** @return null when the broker acked and did not return the message, else why not */
        String awaitFailure(long deadlineNanos) {
            if (publishFailure != null) {
                return publishFailure;
            }
            try {
                long waitNanos = Math.max(0, deadlineNanos - System.nanoTime());
                CorrelationData.Confirm confirm = correlation.getFuture().get(waitNanos, TimeUnit.NANOSECONDS);
                if (!confirm.ack()) {
                    return "nacked by the broker: " + confirm.reason();
                }
                if (correlation.getReturned() != null) {
                    return "returned as unroutable: " + correlation.getReturned().getReplyText();
                }
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted while waiting for the confirm";
            } catch (Exception e) {
                return "no confirm: " + e;
            }
        }
    }
}
