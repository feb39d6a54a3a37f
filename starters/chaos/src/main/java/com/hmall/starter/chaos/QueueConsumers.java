package com.hmall.starter.chaos;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.AbstractMessageListenerContainer;
import org.springframework.amqp.rabbit.listener.MessageListenerContainer;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ApplicationContextEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.ContextRefreshedEvent;

import io.swagger.v3.oas.annotations.media.Schema;
import lombok.extern.slf4j.Slf4j;

/**
 * Takes this service off its queues for an outage and puts it back afterwards, and says what the
 * broker sees of it. "Off" is what the broker sees: no consumer of this service on any of its
 * queues, whatever the order and overlap of the changes.
 *
 * <p>Going off is what a crash does: Spring AMQP's listener containers are stopped (no restarts),
 * then the connection they consume on is closed, which takes every consumer of this service off the
 * broker at once, a consumer a container started and lost track of in a quick stop-start included,
 * and returns every message they held unacknowledged to its queue. Coming back starts the
 * containers again. A watcher looks every {@value #WATCH_INTERVAL_MS} ms and does it again for a
 * container that runs during an outage, or one the outage stopped that is not running after it.
 */
@Slf4j
public class QueueConsumers implements ListenerSwitch, ApplicationListener<ApplicationContextEvent>, ApplicationContextAware {

    static final long WATCH_INTERVAL_MS = 250;
    /**
     * How long a listener may take to finish the message in hand when its container stops, for an
     * outage or at shutdown: real work takes milliseconds; a message held by the outage itself is
     * then returned to its queue (its channel is closed).
     */
    static final long SHUTDOWN_TIMEOUT_MS = 2_000;
    private static final long STOP_PATIENCE_MS = 3 * SHUTDOWN_TIMEOUT_MS;

    private final ObjectProvider<RabbitListenerEndpointRegistry> registry;
    private final ObjectProvider<AmqpAdmin> admin;
    private final MessageGate gate;
    private final Set<MessageListenerContainer> stoppedForOutage = new LinkedHashSet<>();
    private ScheduledExecutorService watcher;
    private boolean outage;
    private ApplicationContext application;

    QueueConsumers(ObjectProvider<RabbitListenerEndpointRegistry> registry, ObjectProvider<AmqpAdmin> admin) {
        this.registry = registry;
        this.admin = admin;
        this.gate = new MessageGate();
    }

    @Override
    public void beforeMessage(long latencyMs) {
        gate.pass(latencyMs);
    }

    @Override
    public void latencyChanged() {
        gate.wake();
    }

    /** Off the queues ({@code true}) or back on them; returns once every container is there. */
    @Override
    public synchronized void holdOff(boolean outage) {
        this.outage = outage;
        if (outage) {
            gate.close();
        } else {
            gate.open();
        }
        enforce();
    }

    /** The queues this service consumes from, as the broker sees them now (no cached statistics). */
    @Override
    public List<QueueState> queues() {
        AmqpAdmin amqpAdmin = admin.getIfAvailable();
        List<QueueState> queues = new ArrayList<>();
        for (String queue : queueNames()) {
            QueueInformation info = null;
            try {
                info = amqpAdmin == null ? null : amqpAdmin.getQueueInfo(queue);
            } catch (RuntimeException brokerUnreachable) {
                log.debug("Cannot read queue {}: {}", queue, brokerUnreachable.toString());
            }
            queues.add(info == null ? new QueueState(queue, null, null)
                    : new QueueState(queue, (long) info.getMessageCount(), (long) info.getConsumerCount()));
        }
        return queues;
    }

    private synchronized void enforce() {
        if (outage) {
            stopAll(containers().stream().filter(MessageListenerContainer::isRunning).toList());
        } else {
            for (MessageListenerContainer container : List.copyOf(stoppedForOutage)) {
                try {
                    if (!container.isRunning()) {
                        container.start();
                    }
                    stoppedForOutage.remove(container);
                } catch (RuntimeException stillStopping) {
                    // Kept: the watcher tries again in a moment.
                    log.warn("Chaos: a listener container did not start yet: {}", stillStopping.toString());
                }
            }
        }
    }

    /** Stops them, cuts their connections and waits until they have wound down. */
    private void stopAll(List<MessageListenerContainer> running) {
        if (running.isEmpty()) {
            return;
        }
        CountDownLatch stopped = new CountDownLatch(running.size());
        Set<ConnectionFactory> connections = new LinkedHashSet<>();
        for (MessageListenerContainer container : running) {
            stoppedForOutage.add(container);
            container.stop(stopped::countDown);
            if (container instanceof AbstractMessageListenerContainer listening) {
                connections.add(listening.getConnectionFactory());
            }
        }
        // Publishers on the same connection reconnect by themselves on their next send.
        connections.forEach(ConnectionFactory::resetConnection);
        gate.dropHeld();
        try {
            if (!stopped.await(STOP_PATIENCE_MS, TimeUnit.MILLISECONDS)) {
                log.warn("Chaos: {} listener container(s) still stopping after {} ms", stopped.getCount(),
                        STOP_PATIENCE_MS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Collection<MessageListenerContainer> containers() {
        RabbitListenerEndpointRegistry listeners = registry.getIfAvailable();
        return listeners == null ? List.of() : listeners.getListenerContainers();
    }

    private Set<String> queueNames() {
        Set<String> names = new LinkedHashSet<>();
        for (MessageListenerContainer container : containers()) {
            if (container instanceof AbstractMessageListenerContainer listening) {
                names.addAll(Arrays.asList(listening.getQueueNames()));
            }
        }
        return names;
    }

    @Override
    public void setApplicationContext(ApplicationContext applicationContext) {
        this.application = applicationContext;
    }

    /**
     * Watches from the moment the containers have started until the application closes: its own
     * context's events, not those of the child contexts (Feign clients') that reach it too.
     */
    @Override
    public synchronized void onApplicationEvent(ApplicationContextEvent event) {
        if (event.getApplicationContext() != application) {
            return;
        }
        if (event instanceof ContextRefreshedEvent && watcher == null && registry.getIfAvailable() != null) {
            for (MessageListenerContainer container : containers()) {
                if (container instanceof AbstractMessageListenerContainer listening) {
                    listening.setShutdownTimeout(SHUTDOWN_TIMEOUT_MS);
                }
            }
            watcher = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "chaos-queue-consumers");
                thread.setDaemon(true);
                return thread;
            });
            watcher.scheduleWithFixedDelay(this::enforceQuietly, WATCH_INTERVAL_MS, WATCH_INTERVAL_MS,
                    TimeUnit.MILLISECONDS);
        } else if (event instanceof ContextClosedEvent && watcher != null) {
            // Before the context stops the containers: the watcher must not start them again.
            watcher.shutdownNow();
            watcher = null;
        }
    }

    private void enforceQuietly() {
        try {
            enforce();
        } catch (RuntimeException e) {
            log.warn("Chaos: could not hold the listener containers in their state: {}", e.toString());
        }
    }
}
