package com.hmall.common.chaos;

import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.ObjectProvider;

import com.hmall.common.web.ApiException;
import com.hmall.common.web.ErrorCode;

import lombok.extern.slf4j.Slf4j;

/**
 * The classroom knobs of one service: extra latency on every request and message, and a simulated
 * outage. An outage answers business requests with 503 and stops the queue listeners, so messages
 * wait in the broker the way they would for a crashed service; lifting it starts them again.
 */
@Slf4j
public class ChaosKnobs {

    private final ObjectProvider<RabbitListenerEndpointRegistry> listeners;
    private volatile ChaosSettings settings = ChaosSettings.CALM;

    public ChaosKnobs(ObjectProvider<RabbitListenerEndpointRegistry> listeners) {
        this.listeners = listeners;
    }

    public ChaosSettings settings() {
        return settings;
    }

    public synchronized ChaosSettings apply(ChaosSettings next) {
        boolean outageChanged = !next.outage().equals(settings.outage());
        settings = next;
        if (outageChanged) {
            listeners.ifAvailable(registry -> {
                if (next.outage()) {
                    registry.stop();
                } else {
                    registry.start();
                }
            });
            log.warn("Chaos: outage {}", next.outage() ? "ON, listeners stopped" : "OFF, listeners started");
        }
        log.info("Chaos settings now {}", next);
        return next;
    }

    /** Called on every business request: waits the configured latency, then fails if in outage. */
    public void beforeRequest() {
        delay();
        if (settings.outage()) {
            throw new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "This service is in a simulated outage");
        }
    }

    /** Called by every message listener before it does its work. */
    public void beforeMessage() {
        delay();
    }

    private void delay() {
        long latencyMs = settings.latencyMs();
        if (latencyMs <= 0) {
            return;
        }
        try {
            Thread.sleep(latencyMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
