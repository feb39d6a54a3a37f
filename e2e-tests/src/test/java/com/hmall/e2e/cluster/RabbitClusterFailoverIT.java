package com.hmall.e2e.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.rabbit.connection.AbstractConnectionFactory.AddressShuffleMode;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory.ConfirmType;
import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.connection.ConnectionProxy;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;

import tools.jackson.databind.JsonNode;

/**
 * What the design's "three nodes, quorum queues replicated on all three, clients given every node"
 * buys, measured on a real cluster of this machine's RabbitMQ: {@code scripts/start-cluster.sh}
 * starts it (ports 5741-5743, 15741-15743, 25741-25743, name {@code hmall-it}, folder
 * {@code target/it-cluster}, so it clashes with neither the usual broker nor a classroom's cluster).
 *
 * <p>A publisher with confirms and a consumer, each on a {@link CachingConnectionFactory} given all
 * three addresses in order (as Boot's services take {@code RABBITMQ_ADDRESSES}; Spring AMQP on its
 * own would pick one at random), work a quorum queue; the node the publisher's connection is on,
 * found from the connection's port, is stopped mid-stream. It is the hardest case: the consumer is
 * connected there too, and the queue, declared through that connection, has its leader there. Two
 * of three nodes are a majority, so every confirmed message must still be consumed, and publishing
 * must go on with confirms through another node. Prints the stall: publisher confirm latency and the longest gap between consumed
 * messages. If the cluster cannot start, this fails: it never skips.
 */
class RabbitClusterFailoverIT {

    private static final String QUEUE = "hmall.it.cluster.failover";
    private static final int BEFORE_STOP = 300;
    private static final int AFTER_STOP = 300;
    private static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(10);

    private static LocalCluster cluster;
    private static boolean usualBrokerAnsweredBefore;

    private final Set<String> confirmed = ConcurrentHashMap.newKeySet();
    private final Set<String> unconfirmed = ConcurrentHashMap.newKeySet();
    private final List<Long> confirmLatenciesNanos = new CopyOnWriteArrayList<>();
    private final List<Long> confirmedAtNanos = new CopyOnWriteArrayList<>();
    /** Per message id, the redelivered flag of each delivery. */
    private final Map<String, List<Boolean>> deliveries = new ConcurrentHashMap<>();
    private final List<Long> consumedAtNanos = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startTheCluster() {
        usualBrokerAnsweredBefore = answers(5672);
        Path root = LocalCluster.repositoryRoot();
        cluster = new LocalCluster(root, root.resolve("e2e-tests/target/it-cluster"), "hmall-it", 5741, 15741, 25741);
        // What a run that died half-way left behind, if anything.
        cluster.stopAndDelete();
        System.out.println(cluster.start());
    }

    @AfterAll
    static void stopTheClusterAndLeaveNothingBehind() {
        if (cluster != null) {
            System.out.println(cluster.stopAndDelete());
        }
        Path root = LocalCluster.repositoryRoot();
        assertThat(root.resolve("e2e-tests/target/it-cluster")).as("the cluster's folder, deleted").doesNotExist();
        assertThat(root.resolve("erl_crash.dump")).as("an Erlang crash dump where the scripts ran").doesNotExist();
        if (usualBrokerAnsweredBefore) {
            assertThat(answers(5672)).as("the usual broker on 5672, left alone by the cluster's scripts").isTrue();
        }
    }

    @Test
    void shouldFormOneClusterOfThreeRunningNodes() {
        assertThat(cluster.runningNodes()).containsExactlyInAnyOrder(
                cluster.nodeName(1), cluster.nodeName(2), cluster.nodeName(3));
    }

    @Test
    void shouldLoseNoConfirmedMessageWhenTheConnectedNodeStops() throws Exception {
        CachingConnectionFactory publisherConnections = connectionFactory("failover-publisher");
        publisherConnections.setPublisherConfirmType(ConfirmType.CORRELATED);
        publisherConnections.setPublisherReturns(true);
        CachingConnectionFactory consumerConnections = connectionFactory("failover-consumer");
        SimpleMessageListenerContainer consumer = new SimpleMessageListenerContainer(consumerConnections);
        ExecutorService publishing = Executors.newSingleThreadExecutor();
        AtomicBoolean publish = new AtomicBoolean(true);
        int stopped = 0;
        try {
            RabbitAdmin admin = new RabbitAdmin(publisherConnections);
            admin.deleteQueue(QUEUE);
            admin.declareQueue(QueueBuilder.durable(QUEUE).quorum().build());
            await("the quorum queue's members").atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(members(cluster.queue(QUEUE))).containsExactlyInAnyOrder(
                            cluster.nodeName(1), cluster.nodeName(2), cluster.nodeName(3)));

            consumer.setQueueNames(QUEUE);
            consumer.setRecoveryInterval(500);
            consumer.setMissingQueuesFatal(false);
            consumer.setMessageListener(this::consume);
            consumer.start();

            RabbitTemplate template = new RabbitTemplate(publisherConnections);
            template.setMandatory(true);
            Future<?> publisher = publishing.submit(() -> publishUntilTold(template, publish));

            await("confirmed and consumed before the stop").atMost(Duration.ofSeconds(60))
                    .until(() -> confirmed.size() >= BEFORE_STOP && consumedIds().containsAll(confirmed));

            stopped = nodeOfConnection(publisherConnections);
            int consumerNode = nodeOfConnection(consumerConnections);
            String leaderBefore = cluster.queue(QUEUE).path("leader").asString();
            long stopStarted = System.nanoTime();
            System.out.println(cluster.stopNode(stopped));
            long stopSeconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - stopStarted);
            int confirmedAtStop = confirmed.size();

            await("publishing with confirms through another node").atMost(Duration.ofSeconds(60))
                    .until(() -> confirmed.size() >= confirmedAtStop + AFTER_STOP);
            publish.set(false);
            publisher.get(CONFIRM_TIMEOUT.toSeconds() * 2, TimeUnit.SECONDS);
            await("every confirmed message consumed").atMost(Duration.ofSeconds(60))
                    .until(() -> consumedIds().containsAll(confirmed));

            assertThat(cluster.runningNodes()).doesNotContain(cluster.nodeName(stopped)).hasSize(2);
            assertThat(nodeOfConnection(publisherConnections)).as("the publisher's node now").isNotEqualTo(stopped);
            assertNothingLostNothingSilentlyDoubled();
            String leaderAfter = cluster.queue(QUEUE).path("leader").asString();
            printTheStall(stopped, consumerNode, leaderBefore, leaderAfter, stopSeconds);
        } finally {
            publish.set(false);
            publishing.shutdownNow();
            consumer.stop();
            if (stopped != 0) {
                // Back to three: the script is safe to run again and starts only what is stopped.
                System.out.println(cluster.start());
            }
            deleteQueueQuietly(publisherConnections);
            publisherConnections.destroy();
            consumerConnections.destroy();
        }
        await("the stopped node back in the cluster").atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(cluster.runningNodes()).hasSize(3));
    }

    private CachingConnectionFactory connectionFactory(String name) {
        CachingConnectionFactory factory = new CachingConnectionFactory();
        factory.setAddresses(cluster.addresses());
        factory.setAddressShuffleMode(AddressShuffleMode.NONE);
        factory.setUsername("guest");
        factory.setPassword("guest");
        factory.setConnectionNameStrategy(connections -> name);
        // A node that is shutting down must not hold a connection attempt for amqp-client's 60 s.
        factory.setConnectionTimeout(2_000);
        return factory;
    }

    /** One message at a time, each waited for until confirmed: the latency is the confirm's. */
    private void publishUntilTold(RabbitTemplate template, AtomicBoolean publish) {
        AtomicInteger sequence = new AtomicInteger();
        while (publish.get()) {
            // A publish that was not confirmed is sent again under a new id, as the outbox does;
            // the ids never repeat, so a message consumed twice was delivered twice by the broker.
            String id = "m-" + sequence.incrementAndGet();
            Message message = MessageBuilder.withBody(id.getBytes(StandardCharsets.UTF_8)).setMessageId(id)
                    .setDeliveryMode(MessageDeliveryMode.PERSISTENT).build();
            CorrelationData correlation = new CorrelationData(id);
            long sent = System.nanoTime();
            try {
                template.send("", QUEUE, message, correlation);
                CorrelationData.Confirm confirm = correlation.getFuture()
                        .get(CONFIRM_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                long now = System.nanoTime();
                if (confirm.ack() && correlation.getReturned() == null) {
                    confirmLatenciesNanos.add(now - sent);
                    confirmedAtNanos.add(now);
                    confirmed.add(id);
                } else {
                    unconfirmed.add(id);
                }
            } catch (AmqpException | ExecutionException | TimeoutException e) {
                unconfirmed.add(id);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void consume(Message message) {
        String id = message.getMessageProperties().getMessageId();
        deliveries.computeIfAbsent(id, ignored -> Collections.synchronizedList(new ArrayList<>()))
                .add(Boolean.TRUE.equals(message.getMessageProperties().getRedelivered()));
        consumedAtNanos.add(System.nanoTime());
    }

    private Set<String> consumedIds() {
        return deliveries.keySet();
    }

    private void assertNothingLostNothingSilentlyDoubled() {
        assertThat(consumedIds()).as("every confirmed message consumed").containsAll(confirmed);
        // The broker may deliver again what was in flight to the stopped node's consumer, unacked:
        // at-least-once, which is why every consumer of the suite is idempotent by id. What must
        // never happen is a second copy it does not flag as redelivered.
        deliveries.forEach((id, flags) -> {
            synchronized (flags) {
                assertThat(flags.subList(1, flags.size())).as("deliveries after the first of %s", id)
                        .allMatch(Boolean.TRUE::equals);
            }
        });
        assertThat(consumedIds()).as("nothing consumed that was never published")
                .allMatch(id -> confirmed.contains(id) || unconfirmed.contains(id));
    }

    private void printTheStall(int stopped, int consumerNode, String leaderBefore, String leaderAfter, long stopSeconds) {
        List<Long> latencies = new ArrayList<>(confirmLatenciesNanos);
        Collections.sort(latencies);
        long redelivered = deliveries.values().stream().mapToLong(flags -> flags.size() - 1).sum();
        System.out.printf("cluster failover: stopped %s, the publisher's node (the consumer's: %s; the queue's leader: %s,"
                        + " afterwards %s), in %d s%n", cluster.nodeName(stopped), cluster.nodeName(consumerNode),
                leaderBefore, leaderAfter, stopSeconds);
        System.out.printf("cluster failover: %d confirmed, 0 lost, %d not confirmed (sent again under a new id),"
                        + " %d of them consumed anyway, %d redelivered duplicates%n", confirmed.size(), unconfirmed.size(),
                unconfirmed.stream().filter(deliveries::containsKey).count(), redelivered);
        System.out.printf("cluster failover: publisher confirm latency p50 %.1f ms, p99 %.1f ms, max %.1f ms;"
                        + " longest gap between confirms %.0f ms; longest gap between consumed messages %.0f ms%n",
                millis(percentile(latencies, 0.50)), millis(percentile(latencies, 0.99)),
                millis(latencies.get(latencies.size() - 1)), millis(longestGap(confirmedAtNanos)),
                millis(longestGap(consumedAtNanos)));
    }

    private int nodeOfConnection(CachingConnectionFactory factory) {
        try (Connection connection = factory.createConnection()) {
            return cluster.nodeOnPort(((ConnectionProxy) connection).getTargetConnection().getDelegate().getPort());
        }
    }

    private static List<String> members(JsonNode queue) {
        List<String> names = new ArrayList<>();
        queue.path("members").forEach(member -> names.add(member.asString()));
        return names;
    }

    private static void deleteQueueQuietly(CachingConnectionFactory factory) {
        try {
            new RabbitAdmin(factory).deleteQueue(QUEUE);
        } catch (AmqpException e) {
            // The folder goes with the cluster anyway.
        }
    }

    private static long percentile(List<Long> sorted, double fraction) {
        int index = (int) Math.ceil(fraction * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }

    private static long longestGap(List<Long> timestamps) {
        List<Long> sorted = new ArrayList<>(timestamps);
        Collections.sort(sorted);
        long longest = 0;
        for (int i = 1; i < sorted.size(); i++) {
            longest = Math.max(longest, sorted.get(i) - sorted.get(i - 1));
        }
        return longest;
    }

    private static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }

    private static boolean answers(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
