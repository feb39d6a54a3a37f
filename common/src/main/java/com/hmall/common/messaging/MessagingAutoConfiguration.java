package com.hmall.common.messaging;

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
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.validation.Validator;
import tools.jackson.databind.json.JsonMapper;

/**
 * One JSON converter for every producer and consumer, built on the application's own Jackson 3
 * mapper so that {@code Instant}s travel as ISO-8601 strings; and a listener retry that only
 * retries what a retry can fix.
 */
@AutoConfiguration
@ConditionalOnClass(JacksonJsonMessageConverter.class)
public class MessagingAutoConfiguration {

    /** Spring AMQP's own list of failures no redelivery can fix (conversion, wrong method, ...). */
    private static final FatalExceptionStrategy FATAL = new ConditionalRejectingErrorHandler.DefaultExceptionStrategy();

    @Bean
    @ConditionalOnMissingBean(MessageConverter.class)
    MessageConverter jsonMessageConverter(JsonMapper jsonMapper) {
        return new JacksonJsonMessageConverter(jsonMapper);
    }

    /** Tagged with the consumer's name: {@code spring.application.name} without "-service". */
    @Bean
    @ConditionalOnMissingBean
    ConsumerMetrics consumerMetrics(ObjectProvider<MeterRegistry> registry,
            @Value("${spring.application.name:consumer}") String applicationName) {
        return new ConsumerMetrics(registry.getIfAvailable(SimpleMeterRegistry::new),
                applicationName.replace("-service", ""));
    }

    @Bean
    @ConditionalOnMissingBean
    EventValidator eventValidator(Validator validator) {
        return new EventValidator(validator);
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
