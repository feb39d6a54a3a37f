package com.hmall.console.queues;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.hmall.starter.web.ApiException;
import com.hmall.starter.web.ErrorCode;

/**
 * The queues bound to pay.topic, as the broker has them: who subscribes is discovered, never listed.
 * Read from RabbitMQ's management HTTP API (the exchange's bindings, then each queue and its
 * dead-letter queue, found from the queue's {@code x-dead-letter-exchange} and routing key), and
 * kept for {@code cacheFor} so that many open pages cost the broker one look a second. The
 * management API refreshes its counts every few seconds (its statistics interval), so a depth may
 * lag that much behind the queue.
 */
@Component
public class PayTopicQueues {

    private final RabbitManagementProperties properties;
    private final RestClient http;
    private final AtomicReference<Snapshot> last = new AtomicReference<>();

    PayTopicQueues(RabbitManagementProperties properties) {
        this.properties = properties;
        this.http = client(properties);
    }

    /** The management API, as the console's broker user, with the configured time limits. */
    static RestClient client(RabbitManagementProperties properties) {
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(properties.timeout()).build());
        requests.setReadTimeout(properties.timeout());
        String credentials = Base64.getEncoder()
                .encodeToString((properties.username() + ":" + properties.password()).getBytes());
        return RestClient.builder().requestFactory(requests)
                .baseUrl(properties.managementUrl().toString().replaceAll("/+$", ""))
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Basic " + credentials).build();
    }

    /** Every queue bound to the exchange; SERVICE_UNAVAILABLE when the broker cannot be asked. */
    public List<QueueView> queues() {
        Snapshot snapshot = snapshot();
        if (snapshot.failure() != null) {
            throw snapshot.failure();
        }
        return snapshot.queues();
    }

    /** The bound queues' names, or empty when the broker cannot be asked. */
    public Optional<List<String>> boundQueueNames() {
        Snapshot snapshot = snapshot();
        return snapshot.failure() != null ? Optional.empty()
                : Optional.of(snapshot.queues().stream().map(QueueView::queue).toList());
    }

    private Snapshot snapshot() {
        Snapshot snapshot = last.get();
        long now = System.nanoTime();
        if (snapshot == null || now - snapshot.takenAt() > properties.cacheFor().toNanos()) {
            snapshot = take(now);
            last.set(snapshot);
        }
        return snapshot;
    }

    private Snapshot take(long now) {
        try {
            List<QueueView> queues = new ArrayList<>();
            for (String queue : boundQueues(properties.exchange(), null)) {
                Queue stats = queue(queue);
                if (stats == null) {
                    continue; // deleted between the two reads
                }
                List<String> deadLetterQueues = deadLetterQueues(stats);
                long deadLetters = 0;
                for (String dlq : deadLetterQueues) {
                    Queue dead = queue(dlq);
                    deadLetters += dead == null ? 0 : dead.depth();
                }
                queues.add(new QueueView(queue, stats.consumerCount(), stats.depth(), deadLetters,
                        deadLetterQueues.isEmpty() ? null : String.join(",", deadLetterQueues), stats.leaderNode()));
            }
            return new Snapshot(now, List.copyOf(queues), null);
        } catch (RestClientException failed) {
            return new Snapshot(now, List.of(), unavailable(failed, properties));
        }
    }

    /** SERVICE_UNAVAILABLE for the broker: it refused the console's user, or its API does not answer. */
    static ApiException unavailable(RestClientException failed, RabbitManagementProperties properties) {
        boolean refused = failed instanceof HttpClientErrorException error
                && (error.getStatusCode().value() == 401 || error.getStatusCode().value() == 403);
        String detail = refused ? "RabbitMQ refused the console's user on vhost " + properties.virtualHost()
                : "RabbitMQ's management API does not answer at " + properties.managementUrl();
        return new ApiException(ErrorCode.SERVICE_UNAVAILABLE, detail, Map.of("service", "rabbitmq"));
    }

    /** Queues bound to {@code exchange}; with a routing key, only those whose binding matches it. */
    private List<String> boundQueues(String exchange, String routingKey) {
        Binding[] bindings = http.get().uri("/api/exchanges/{vhost}/{exchange}/bindings/source", properties.virtualHost(),
                exchange).retrieve().onStatus(HttpStatusCode::is4xxClientError, (req, res) -> {
                    if (res.getStatusCode().value() != 404) {
                        throw new HttpClientErrorException(res.getStatusCode());
                    }
                }).body(Binding[].class);
        Set<String> queues = new LinkedHashSet<>();
        if (bindings == null) {
            return List.of(); // the exchange does not exist (yet)
        }
        for (Binding binding : bindings) {
            if ("queue".equals(binding.destinationType())
                    && (routingKey == null || matches(binding.routingKey(), routingKey))) {
                queues.add(binding.destination());
            }
        }
        return List.copyOf(queues);
    }

    private List<String> deadLetterQueues(Queue queue) {
        Object exchange = queue.argument("x-dead-letter-exchange", "dead-letter-exchange");
        if (!(exchange instanceof String dlx) || dlx.isEmpty()) {
            return List.of();
        }
        Object key = queue.argument("x-dead-letter-routing-key", "dead-letter-routing-key");
        // Without a dead-letter routing key, a message keeps its own: pay.success.
        return boundQueues(dlx, key instanceof String k ? k : "pay.success");
    }

    private Queue queue(String name) {
        return http.get().uri("/api/queues/{vhost}/{name}", properties.virtualHost(), name).retrieve()
                .onStatus(HttpStatusCode::is4xxClientError, (req, res) -> {
                    if (res.getStatusCode().value() != 404) {
                        throw new HttpClientErrorException(res.getStatusCode());
                    }
                }).body(Queue.class);
    }

    /**
     * A binding key against a routing key: exact for direct exchanges, and AMQP's topic patterns
     * ({@code *} one word, {@code #} any number of words); an empty key binds a fanout.
     */
    static boolean matches(String bindingKey, String routingKey) {
        if (bindingKey == null || bindingKey.isEmpty() || bindingKey.equals(routingKey) || "#".equals(bindingKey)) {
            return true;
        }
        StringBuilder regex = new StringBuilder();
        String[] words = bindingKey.split("\\.", -1);
        for (int i = 0; i < words.length; i++) {
            String word = words[i];
            String separator = i == 0 ? "" : "\\.";
            if ("#".equals(word)) {
                regex.append(i == 0 ? "(?:[^.]*(?:\\.[^.]*)*)?" : "(?:\\.[^.]*)*");
            } else {
                regex.append(separator).append("*".equals(word) ? "[^.]+" : Pattern.quote(word));
            }
        }
        return Pattern.matches(regex.toString(), routingKey);
    }

    private record Snapshot(long takenAt, List<QueueView> queues, ApiException failure) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Binding(String destination, @JsonProperty("destination_type") String destinationType,
            @JsonProperty("routing_key") String routingKey) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Queue(String name, Integer consumers, Long messages, Map<String, Object> arguments,
            @JsonProperty("effective_policy_definition") Object policy, String leader, String node) {

        /** A quorum queue's Raft leader; a classic queue's node. */
        String leaderNode() {
            return leader != null ? leader : node;
        }

        int consumerCount() {
            return consumers == null ? 0 : consumers;
        }

        long depth() {
            return messages == null ? 0 : messages;
        }

        /** From the queue's own arguments, or else from the policy in effect. */
        Object argument(String argument, String policyKey) {
            if (arguments != null && arguments.get(argument) != null) {
                return arguments.get(argument);
            }
            return policy instanceof Map<?, ?> definition ? definition.get(policyKey) : null;
        }
    }
}
