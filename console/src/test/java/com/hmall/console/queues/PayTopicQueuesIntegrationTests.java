package com.hmall.console.queues;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Queue discovery against the real broker, in the tests' own vhost: what is bound to pay.topic is
 * listed with its depth, consumers and dead letters; nothing else is.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PayTopicQueuesIntegrationTests {

    private static final String QUEUE = "console-test.pay.success.queue";
    private static final String DLQ = "console-test.pay.success.dlq";
    private static final String PLAIN_QUEUE = "console-test.plain.queue";
    private static final String OTHER_QUEUE = "console-test.elsewhere.queue";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper jsonMapper;

    @Autowired
    RabbitManagementProperties broker;

    private Connection connection;

    @BeforeEach
    void declareATopologyLikeAConsumersOwn() throws Exception {
        management("PUT", "/api/exchanges/{vhost}/pay.topic", "{\"type\":\"topic\",\"durable\":true}");
        management("PUT", "/api/exchanges/{vhost}/pay.dlx", "{\"type\":\"direct\",\"durable\":true}");
        management("PUT", "/api/exchanges/{vhost}/console-test.other", "{\"type\":\"topic\",\"durable\":true}");
        management("PUT", "/api/queues/{vhost}/" + QUEUE, "{\"durable\":true,\"arguments\":{\"x-queue-type\":\"quorum\","
                + "\"x-dead-letter-exchange\":\"pay.dlx\",\"x-dead-letter-routing-key\":\"" + DLQ + "\"}}");
        management("PUT", "/api/queues/{vhost}/" + DLQ, "{\"durable\":true,\"arguments\":{\"x-queue-type\":\"quorum\"}}");
        management("PUT", "/api/queues/{vhost}/" + PLAIN_QUEUE, "{\"durable\":true}");
        management("PUT", "/api/queues/{vhost}/" + OTHER_QUEUE, "{\"durable\":true}");
        management("POST", "/api/bindings/{vhost}/e/pay.topic/q/" + QUEUE, "{\"routing_key\":\"pay.success\"}");
        management("POST", "/api/bindings/{vhost}/e/pay.topic/q/" + PLAIN_QUEUE, "{\"routing_key\":\"pay.#\"}");
        management("POST", "/api/bindings/{vhost}/e/pay.dlx/q/" + DLQ, "{\"routing_key\":\"" + DLQ + "\"}");
        management("POST", "/api/bindings/{vhost}/e/console-test.other/q/" + OTHER_QUEUE, "{\"routing_key\":\"#\"}");
        for (int i = 0; i < 2; i++) {
            publish(DLQ, "dead " + i);
        }
        publish(QUEUE, "waiting");

        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setUsername(broker.username());
        factory.setPassword(broker.password());
        factory.setVirtualHost(broker.virtualHost());
        connection = factory.newConnection("console-test");
        Channel channel = connection.createChannel();
        channel.basicQos(1);
        // Takes the message and never acknowledges it: one consumer, one message in flight.
        channel.basicConsume(QUEUE, false, new DefaultConsumer(channel));
    }

    @AfterEach
    void removeIt() throws Exception {
        if (connection != null) {
            connection.close();
        }
        for (String queue : new String[] { QUEUE, DLQ, PLAIN_QUEUE, OTHER_QUEUE }) {
            management("DELETE", "/api/queues/{vhost}/" + queue, null);
        }
        for (String exchange : new String[] { "pay.topic", "pay.dlx", "console-test.other" }) {
            management("DELETE", "/api/exchanges/{vhost}/" + exchange, null);
        }
    }

    @Test
    void shouldListEveryQueueBoundToPayTopicWithItsDepthConsumersAndDeadLetters() {
        // The management API refreshes its counts every few seconds.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            JsonNode queues = getJson("/api/queues");
            assertThat(queues.size()).as(queues.toString()).isEqualTo(2);
            JsonNode queue = byName(queues, QUEUE);
            assertThat(queue.path("consumers").asInt()).isEqualTo(1);
            assertThat(queue.path("messages").asLong()).isEqualTo(1);
            assertThat(queue.path("deadLetters").asLong()).isEqualTo(2);
            assertThat(queue.path("deadLetterQueue").asString()).isEqualTo(DLQ);
            assertThat(queue.path("leader").asString()).as("the quorum queue's leader").isEqualTo(brokerNode());
            JsonNode plain = byName(queues, PLAIN_QUEUE);
            assertThat(plain.path("leader").asString()).as("a classic queue's node").isEqualTo(brokerNode());
            assertThat(plain.path("consumers").asInt()).isZero();
            assertThat(plain.path("deadLetters").asLong()).isZero();
            assertThat(plain.path("deadLetterQueue").isNull()).isTrue();
        });
    }

    /** The one node of this machine's broker: the cluster the console shows is that node alone. */
    @Test
    void shouldListTheBrokersNodes() throws Exception {
        JsonNode nodes = getJson("/api/nodes");

        assertThat(nodes.size()).as(nodes.toString()).isEqualTo(1);
        assertThat(nodes.get(0).path("name").asString()).isEqualTo(brokerNode());
        assertThat(nodes.get(0).path("running").asBoolean()).isTrue();
    }

    private String brokerNode() throws Exception {
        HttpResponse<String> overview = HTTP.send(HttpRequest.newBuilder(URI.create(broker.managementUrl() + "/api/overview"))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((broker.username() + ":" + broker.password()).getBytes(StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        return jsonMapper.readTree(overview.body()).path("node").asString();
    }

    private void publish(String queue, String body) throws Exception {
        management("POST", "/api/exchanges/{vhost}/amq.default/publish", "{\"properties\":{\"delivery_mode\":2},"
                + "\"routing_key\":\"" + queue + "\",\"payload\":\"" + body + "\",\"payload_encoding\":\"string\"}");
    }

    private void management(String method, String path, String body) throws Exception {
        String vhost = URLEncoder.encode(broker.virtualHost(), StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(broker.managementUrl() + path.replace("{vhost}", vhost)))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((broker.username() + ":" + broker.password()).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300 && !(method.equals("DELETE") && response.statusCode() == 404)) {
            throw new IllegalStateException(method + " " + path + ": " + response.statusCode() + " " + response.body());
        }
    }

    private JsonNode getJson(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return jsonMapper.readTree(response.body());
    }

    private static JsonNode byName(JsonNode queues, String name) {
        for (JsonNode queue : queues) {
            if (name.equals(queue.path("queue").asString())) {
                return queue;
            }
        }
        throw new AssertionError(name + " is not in " + queues);
    }
}
