package com.hmall.pay.outbox;

import java.time.Instant;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.hmall.payevents.PaymentSucceeded;
import com.hmall.payevents.PayEvents;

import lombok.RequiredArgsConstructor;
import tools.jackson.databind.json.JsonMapper;

/**
 * The producer side of the event: an event is a row written in the caller's transaction, so it
 * exists exactly when the pay order change it describes exists. {@link OutboxRelay} publishes it.
 */
@Component
@RequiredArgsConstructor
public class Outbox {

    private final OutboxMapper rows;
    private final OutboxRelay relay;
    private final JsonMapper jsonMapper;
    private final OutboxTraceContext traceContext;

    @Transactional(propagation = Propagation.MANDATORY)
    public void add(PaymentSucceeded event) {
        OutboxEvent row = new OutboxEvent();
        row.setEventId(event.eventId());
        row.setPayOrderId(event.payOrderId());
        row.setExchangeName(PayEvents.EXCHANGE);
        row.setRoutingKey(PayEvents.PAY_SUCCESS_KEY);
        row.setPayload(jsonMapper.writeValueAsString(event));
        row.setTraceParent(traceContext.current());
        row.setAttempts(0);
        Instant now = Instant.now();
        row.setNextAttemptAt(now);
        row.setCreatedAt(now);
        rows.insert(row);
        // Publish right after commit instead of waiting for the next sweep.
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                relay.publishSoon();
            }
        });
    }
}
