package com.hmall.notify.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.amqp.autoconfigure.RabbitProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * How {@code application.yml} turns {@code RABBITMQ_ADDRESSES} into Boot's broker addresses: unset
 * (or empty) it must mean exactly what it meant before the variable existed, one address made of
 * {@code RABBITMQ_HOST} and {@code RABBITMQ_PORT}; set, it replaces both.
 */
class BrokerAddressesTests {

    @Test
    void shouldConnectToHostAndPortWhenNoAddressesAreGiven() throws IOException {
        RabbitProperties rabbit = bind(Map.of("RABBITMQ_HOST", "broker.example", "RABBITMQ_PORT", "5673"));

        assertThat(rabbit.getAddresses()).isEmpty();
        assertThat(rabbit.determineAddresses()).containsExactly("broker.example:5673");
    }

    @Test
    void shouldConnectToHostAndPortWhenAddressesAreEmpty() throws IOException {
        RabbitProperties rabbit = bind(Map.of("RABBITMQ_ADDRESSES", "", "RABBITMQ_HOST", "broker.example"));

        assertThat(rabbit.determineAddresses()).containsExactly("broker.example:5672");
    }

    @Test
    void shouldUseEveryAddressInOrderInsteadOfHostAndPort() throws IOException {
        RabbitProperties rabbit = bind(Map.of("RABBITMQ_ADDRESSES", "10.0.0.1:5701,10.0.0.2:5702,10.0.0.3",
                "RABBITMQ_HOST", "broker.example", "RABBITMQ_PORT", "5673"));

        assertThat(rabbit.determineAddresses()).containsExactly("10.0.0.1:5701", "10.0.0.2:5702", "10.0.0.3:5672");
    }

    /** The service's own application.yml, with only the given variables: none from this machine. */
    private static RabbitProperties bind(Map<String, Object> variables) throws IOException {
        StandardEnvironment environment = new StandardEnvironment();
        MutablePropertySources sources = environment.getPropertySources();
        sources.remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        sources.remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        sources.addFirst(new MapPropertySource("variables", variables));
        new YamlPropertySourceLoader().load("application.yml", new ClassPathResource("application.yml"))
                .forEach(sources::addLast);
        return Binder.get(environment).bind("spring.rabbitmq", RabbitProperties.class).get();
    }
}
