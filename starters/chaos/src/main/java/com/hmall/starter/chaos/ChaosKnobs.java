package com.hmall.starter.chaos;

import com.hmall.starter.web.ApiException;
import com.hmall.starter.web.ErrorCode;

import lombok.extern.slf4j.Slf4j;

/**
 * The classroom knobs of one service: extra latency on every request and message, and a simulated
 * outage. An outage answers business requests with 503 and takes the service off its queues, so
 * messages wait in the broker the way they would for a crashed service; lifting it puts the
 * service back on them.
 *
 * <p>Knob changes are serialised, and the answer to one comes only once its outage is really in
 * force: {@link QueueConsumers} has cancelled every consumer of this service before
 * {@link #apply} returns, and keeps it so whatever the order and overlap of the changes.
 */
@Slf4j
public class ChaosKnobs {

    private final ListenerSwitch consumers;
    private volatile ChaosSettings settings = ChaosSettings.CALM;

    ChaosKnobs(ListenerSwitch consumers) {
        this.consumers = consumers;
    }

    /** The knobs, and the live state of this service's queues. */
    public ChaosState state() {
        ChaosSettings current = settings;
        return new ChaosState(current.latencyMs(), current.outage(), consumers.queues());
    }

    public synchronized ChaosState apply(ChaosSettings next) {
        boolean outageChanged = !next.outage().equals(settings.outage());
        settings = next;
        consumers.latencyChanged();
        consumers.holdOff(next.outage());
        if (outageChanged) {
            log.warn("Chaos: outage {}", next.outage() ? "ON, consumers cancelled" : "OFF, consumers back");
        }
        log.info("Chaos settings now {}", next);
        return state();
    }

    /** Called on every business request: waits the configured latency, then fails if in outage. */
    public void beforeRequest() {
        sleepQuietly(settings.latencyMs());
        if (settings.outage()) {
            throw new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "This service is in a simulated outage");
        }
    }

    /**
     * Called before every message's listener (the messaging starter's listener advice does it): waits
     * the configured latency, and while the service is in outage does not let the message through
     * (see {@link MessageGate}).
     */
    public void beforeMessage() {
        consumers.beforeMessage(settings.latencyMs());
    }

    private static void sleepQuietly(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
