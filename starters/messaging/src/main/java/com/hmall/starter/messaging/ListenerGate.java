package com.hmall.starter.messaging;

/**
 * What a message meets before its listener runs. The chaos starter's knobs are one (latency, and
 * during an outage a closed gate); without them nothing waits.
 */
@FunctionalInterface
public interface ListenerGate {

    /** Returns when the message may be handled; throws to give it back to its queue. */
    void beforeMessage();
}
