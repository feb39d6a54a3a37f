package com.hmall.starter.chaos;

import org.springframework.amqp.ImmediateRequeueAmqpException;

/**
 * What a message meets before its listener runs: the chaos latency, and during an outage a closed
 * gate. A message that was delivered just before its consumer was cut off waits here instead of
 * being handled; once its channel is closed (and the message so back in its queue) it is dropped
 * from this thread, as a crashed service would drop it.
 */
class MessageGate {

    private final Object lock = new Object();
    private boolean closed;
    /** Counts the cut-offs: a message that entered before the latest one has no channel to be acked on. */
    private long cutOffs;

    /** Waits {@code latencyMs}, then for as long as the gate is closed. */
    void pass(long latencyMs) {
        long deadline = System.nanoTime() + latencyMs * 1_000_000;
        try {
            synchronized (lock) {
                long entered = cutOffs;
                long left;
                while (!closed && entered == cutOffs && (left = deadline - System.nanoTime()) > 0) {
                    lock.wait(Math.max(1, left / 1_000_000));
                }
                while (closed && entered == cutOffs) {
                    lock.wait();
                }
                if (entered != cutOffs) {
                    throw new ImmediateRequeueAmqpException("Not handled: the service went into a simulated outage and"
                            + " this message went back to its queue");
                }
            }
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
            throw new ImmediateRequeueAmqpException("Not handled: the listener was stopped");
        }
    }

    void close() {
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
    }

    void open() {
        synchronized (lock) {
            closed = false;
            lock.notifyAll();
        }
    }

    /** The consumers' channels are closed: every message waiting here gives up. */
    void dropHeld() {
        synchronized (lock) {
            cutOffs++;
            lock.notifyAll();
        }
    }

    /** The latency changed: the messages waiting it out look again. */
    void wake() {
        synchronized (lock) {
            lock.notifyAll();
        }
    }
}
