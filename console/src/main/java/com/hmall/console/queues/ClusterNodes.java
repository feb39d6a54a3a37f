package com.hmall.console.queues;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.hmall.starter.web.ApiException;

/**
 * The broker's nodes: one for a single broker, every member for a cluster (a stopped member too,
 * with {@code running} false). Read from the management API's {@code /api/nodes}, kept for
 * {@code cacheFor} like the queues.
 */
@Component
class ClusterNodes {

    private final RabbitManagementProperties properties;
    private final RestClient http;
    private final AtomicReference<Snapshot> last = new AtomicReference<>();

    ClusterNodes(RabbitManagementProperties properties) {
        this.properties = properties;
        this.http = PayTopicQueues.client(properties);
    }

    List<NodeView> nodes() {
        Snapshot snapshot = last.get();
        long now = System.nanoTime();
        if (snapshot == null || now - snapshot.takenAt() > properties.cacheFor().toNanos()) {
            snapshot = take(now);
            last.set(snapshot);
        }
        if (snapshot.failure() != null) {
            throw snapshot.failure();
        }
        return snapshot.nodes();
    }

    private Snapshot take(long now) {
        try {
            Node[] nodes = http.get().uri("/api/nodes").retrieve().body(Node[].class);
            List<NodeView> views = nodes == null ? List.of()
                    : Arrays.stream(nodes).map(node -> new NodeView(node.name(), Boolean.TRUE.equals(node.running())))
                            .sorted((a, b) -> a.name().compareTo(b.name())).toList();
            return new Snapshot(now, views, null);
        } catch (RestClientException failed) {
            return new Snapshot(now, List.of(), PayTopicQueues.unavailable(failed, properties));
        }
    }

    private record Snapshot(long takenAt, List<NodeView> nodes, ApiException failure) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Node(String name, Boolean running) {
    }
}
