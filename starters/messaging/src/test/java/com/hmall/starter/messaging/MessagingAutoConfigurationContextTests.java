package com.hmall.starter.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import org.aopalliance.aop.Advice;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.annotation.RabbitListenerConfigurer;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerContainerFactory;
import org.springframework.amqp.support.converter.JacksonJsonMessageConverter;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;

import com.hmall.starter.chaos.ChaosAutoConfiguration;

/** What a consumer gets from the starter, with and without the chaos starter next to it. */
class MessagingAutoConfigurationContextTests {

    private final ApplicationContextRunner contexts = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, ValidationAutoConfiguration.class,
                    RabbitAutoConfiguration.class, MessagingAutoConfiguration.class))
            .withPropertyValues("spring.rabbitmq.listener.simple.retry.enabled=true",
                    "spring.rabbitmq.listener.simple.retry.max-retries=3");

    @Test
    void shouldPutTheConsumerAdviceOnEveryListenerInsideTheRetry() {
        contexts.run(context -> {
            Advice[] chain = context.getBean(SimpleRabbitListenerContainerFactory.class).getAdviceChain();

            assertThat(chain).hasSize(2);
            assertThat(chain[0]).as("Spring Boot's retry interceptor, outermost").isNotInstanceOf(ConsumerAdvice.class);
            assertThat(chain[1]).as("once per delivery attempt").isInstanceOf(ConsumerAdvice.class);
        });
    }

    @Test
    void shouldConvertJsonValidatePayloadsAndMeasureTheConsumer() {
        contexts.withPropertyValues("spring.application.name=points-service").run(context -> {
            assertThat(context.getBean(MessageConverter.class)).isInstanceOf(JacksonJsonMessageConverter.class);
            assertThat(context).hasSingleBean(RabbitListenerConfigurer.class);
            assertThat(context.getBean(ConsumerMetrics.class).consumer()).isEqualTo("points");
        });
    }

    @Test
    void shouldTagTheMetricsWithTheConsumerNameGiven() {
        contexts.withPropertyValues("spring.application.name=points-service", "hmall.messaging.consumer-name=loyalty")
                .run(context -> assertThat(context.getBean(ConsumerMetrics.class).consumer()).isEqualTo("loyalty"));
    }

    @Test
    void shouldGateListenersWithTheChaosKnobsWhenTheServiceHasThem() {
        contexts.withConfiguration(AutoConfigurations.of(ChaosAutoConfiguration.class))
                .run(context -> assertThat(context).hasSingleBean(ListenerGate.class));
    }

    @Test
    void shouldLetEveryMessageThroughWithoutTheChaosStarter() {
        contexts.withClassLoader(new FilteredClassLoader("com.hmall.starter.chaos")).run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(ListenerGate.class);
            assertThat(context.getBean(SimpleRabbitListenerContainerFactory.class).getAdviceChain())
                    .hasAtLeastOneElementOfType(ConsumerAdvice.class);
        });
    }
}
