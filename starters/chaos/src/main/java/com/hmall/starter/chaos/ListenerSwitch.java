package com.hmall.starter.chaos;

import java.util.List;

/**
 * What an outage does to a service's message listeners: takes them off their queues, or puts them
 * back. A service without RabbitMQ has none, and its outage is only its 503s.
 */
public interface ListenerSwitch {

    ListenerSwitch NONE = new ListenerSwitch() {
        @Override
        public void holdOff(boolean outage) {
        }

        @Override
        public List<QueueState> queues() {
            return List.of();
        }

        @Override
        public void beforeMessage(long latencyMs) {
        }

        @Override
        public void latencyChanged() {
        }
    };

    /** Off the queues ({@code true}) or back on them; returns once that is so. */
    void holdOff(boolean outage);

    /** The queues this service consumes from, live from the broker. */
    List<QueueState> queues();

    /** What a message meets before its listener: the latency, and no way through during an outage. */
    void beforeMessage(long latencyMs);

    /** The messages waiting out the old latency look again. */
    void latencyChanged();
}
