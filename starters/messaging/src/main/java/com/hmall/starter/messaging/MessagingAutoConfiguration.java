package com.hmall.starter.messaging;

import java.util.Arrays;

import org.aopalliance.aop.Advice;
import org.springframework.amqp.rabbit.annotation.RabbitListenerConfigurer;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerContainerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Configuration;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;


import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.ImmediateRequeueAmqpException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.amqp.rabbit.listener.ConditionalRejectingErrorHandler;
import org.springframework.amqp.rabbit.listener.FatalExceptionStrategy;
import org.springframework.amqp.rabbit.retry.MessageRecoverer;
import org.springframework.amqp.rabbit.retry.RejectAndDontRequeueRecoverer;
import org.springframework.amqp.support.converter.JacksonJsonMessageConverter;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.boot.amqp.autoconfigure.RabbitListenerRetrySettingsCustomizer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.validation.Validator;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a consumer of the suite's events needs, and nothing about any one event: one JSON converter
 * built on the application's own Jackson 3 mapper (so {@code Instant}s travel as ISO-8601 strings),
 * a listener retry that only retries what a retry can fix, then the dead-letter queue, validated
 * payloads, and around every listener the chaos gate and the consumer metrics. Each consumer
 * declares its own queue with {@link ConsumerTopology}.
 */
@AutoConfiguration(afterName = "com.hmall.starter.chaos.ChaosAutoConfiguration")
@ConditionalOnClass(JacksonJsonMessageConverter.class)
@EnableConfigurationProperties(MessagingProperties.class)
public class MessagingAutoConfiguration {

    /** Spring AMQP's own list of failures no redelivery can fix (conversion, wrong method, ...). */
    private static final FatalExceptionStrategy FATAL = new ConditionalRejectingErrorHandler.DefaultExceptionStrategy();

    @Bean
    @ConditionalOnMissingBean(MessageConverter.class)
    MessageConverter jsonMessageConverter(JsonMapper jsonMapper) {
        return new JacksonJsonMessageConverter(jsonMapper);
    }

    /** Tagged with {@code hmall.messaging.consumer-name}, or {@code spring.application.name} without "-service". */
    @Bean
    @ConditionalOnMissingBean
    ConsumerMetrics consumerMetrics(ObjectProvider<MeterRegistry> registry, JsonMapper jsonMapper,
            MessagingProperties properties, @Value("${spring.application.name:consumer}") String applicationName) {
        String consumer = properties.consumerName() == null || properties.consumerName().isBlank()
                ? applicationName.replace("-service", "") : properties.consumerName();
        return new ConsumerMetrics(registry.getIfAvailable(SimpleMeterRegistry::new), jsonMapper, consumer);
    }

    /**
     * {@code @Valid} on a listener's payload holds the event to its constraints; an event that breaks
     * them fails the same way on every delivery, so it goes straight to the dead-letter queue
     * (Spring AMQP counts {@code MethodArgumentNotValidException} as fatal).
     */
    @Bean
    RabbitListenerConfigurer validatingListeners(Validator validator) {
        return registrar -> registrar.setValidator(new SpringValidatorAdapter(validator));
    }

    /**
     * Puts the {@link ConsumerAdvice} (gate, then metrics) on every listener container the
     * application's factory makes, inside the retry interceptor Spring Boot puts there.
     */
    @Bean
    static BeanPostProcessor consumerAdviceOnListenerFactories(ObjectProvider<ListenerGate> gate,
            ObjectProvider<ConsumerMetrics> metrics) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof SimpleRabbitListenerContainerFactory factory) {
                    ConsumerAdvice advice = new ConsumerAdvice(gate.getIfAvailable(() -> () -> { }),
                            metrics.getObject());
                    Advice[] chain = factory.getAdviceChain() == null ? new Advice[0] : factory.getAdviceChain();
                    Advice[] withAdvice = Arrays.copyOf(chain, chain.length + 1);
                    withAdvice[chain.length] = advice;
                    factory.setAdviceChain(withAdvice);
                }
                return bean;
            }
        };
    }

    /** With the chaos starter: its knobs are the gate (latency; no message through during an outage). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "com.hmall.starter.chaos.ChaosKnobs")
    @ConditionalOnBean(type = "com.hmall.starter.chaos.ChaosKnobs")
    static class ChaosGateConfiguration {

        @Bean
        @ConditionalOnMissingBean
        ListenerGate chaosListenerGate(com.hmall.starter.chaos.ChaosKnobs knobs) {
            return knobs::beforeMessage;
        }
    }

    /**
     * What happens to a message once retrying is over: rejected without requeue, so the broker
     * dead-letters it into the consumer's DLQ (Spring AMQP's default), and counted. A message its
     * listener gave back on purpose (an outage of the chaos knobs, a listener stopping) goes back to
     * its queue instead: it did not fail, it was not handled.
     */
    @Bean
    @ConditionalOnMissingBean
    MessageRecoverer countingDeadLetterRecoverer(ConsumerMetrics consumerMetrics) {
        MessageRecoverer reject = new RejectAndDontRequeueRecoverer();
        return (message, cause) -> {
            ImmediateRequeueAmqpException givenBack = causeOfType(cause, ImmediateRequeueAmqpException.class);
            if (givenBack != null) {
                throw givenBack;
            }
            consumerMetrics.deadLettered();
            reject.recover(message, cause);
        };
    }

    /**
     * A message that cannot be parsed, or that the listener rejected on purpose, fails the same way
     * on every delivery: it goes to the dead-letter queue at once instead of after every retry.
     */
    @Bean
    RabbitListenerRetrySettingsCustomizer retryOnlyWhatRetryingCanFix() {
        return settings -> settings.setExceptionPredicate(MessagingAutoConfiguration::isWorthRetrying);
    }

    static boolean isWorthRetrying(Throwable failure) {
        return !FATAL.isFatal(failure) && causeOfType(failure, AmqpRejectAndDontRequeueException.class) == null
                && causeOfType(failure, ImmediateRequeueAmqpException.class) == null;
    }

    private static <T extends Throwable> T causeOfType(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }
}
