package com.hmall.e2e.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;

/**
 * Direct access to RabbitMQ for what no REST endpoint can do: inject a duplicate or a broken
 * message, and look into queues. The broker the environment names, in the tests' own vhost.
 */
public final class Broker implements AutoCloseable {

    private final Connection connection;
    private final Channel channel;

    public Broker() {
        try {
            connection = connectionFactory().newConnection("e2e-tests");
            channel = connection.createChannel();
            channel.confirmSelect();
        } catch (IOException | TimeoutException e) {
            throw new IllegalStateException("RabbitMQ is not reachable", e);
        }
    }

    /** Publishes persistently and waits for the broker's confirm. */
    public void publish(String exchange, String routingKey, String messageId, String body) {
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                .contentType("application/json")
                .deliveryMode(2)
                .messageId(messageId)
                .build();
        try {
            channel.basicPublish(exchange, routingKey, true, properties, body.getBytes(StandardCharsets.UTF_8));
            channel.waitForConfirmsOrDie(5_000);
        } catch (IOException | InterruptedException | TimeoutException e) {
            throw new IllegalStateException("Publish failed", e);
        }
    }

    /** Messages ready in the queue (not counting those a consumer holds unacknowledged). */
    public long depth(String queue) {
        try {
            return channel.queueDeclarePassive(queue).getMessageCount();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Takes the message with this id out of the queue, if it is there, and puts every other
     * message it had to look at back.
     */
    public boolean takeMessage(String queue, String messageId) {
        try (Channel browse = connection.createChannel()) {
            boolean found = false;
            GetResponse response;
            while (!found && (response = browse.basicGet(queue, false)) != null) {
                found = messageId.equals(response.getProps().getMessageId());
                if (found) {
                    browse.basicAck(response.getEnvelope().getDeliveryTag(), false);
                }
            }
            // Closing the channel returns every unacknowledged message to the queue.
            return found;
        } catch (IOException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws IOException {
        connection.close();
    }

    /** The broker the environment names, in the tests' own vhost. */
    static ConnectionFactory connectionFactory() {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(env("RABBITMQ_HOST", "127.0.0.1"));
        factory.setPort(Integer.parseInt(env("RABBITMQ_PORT", "5672")));
        factory.setUsername(env("RABBITMQ_USER", "guest"));
        factory.setPassword(env("RABBITMQ_PASSWORD", "guest"));
        factory.setVirtualHost(SuiteEnvironment.VIRTUAL_HOST);
        return factory;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
