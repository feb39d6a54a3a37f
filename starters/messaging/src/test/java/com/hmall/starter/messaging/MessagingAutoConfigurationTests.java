package com.hmall.starter.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.ImmediateRequeueAmqpException;
import org.springframework.amqp.rabbit.support.ListenerExecutionFailedException;
import org.springframework.amqp.support.converter.MessageConversionException;
import org.springframework.dao.TransientDataAccessResourceException;

class MessagingAutoConfigurationTests {

    @Test
    void shouldRetryAFailureThatMayPass() {
        assertThat(MessagingAutoConfiguration.isWorthRetrying(failed(new TransientDataAccessResourceException("db down"))))
                .isTrue();
    }

    @Test
    void shouldNotRetryAnUnparseableMessage() {
        assertThat(MessagingAutoConfiguration.isWorthRetrying(failed(new MessageConversionException("not json"))))
                .isFalse();
    }

    @Test
    void shouldNotRetryARejectedBusinessCase() {
        assertThat(MessagingAutoConfiguration.isWorthRetrying(failed(new AmqpRejectAndDontRequeueException("closed"))))
                .isFalse();
    }

    @Test
    void shouldNotRetryAMessageTheListenerGaveBack() {
        assertThat(MessagingAutoConfiguration.isWorthRetrying(failed(new ImmediateRequeueAmqpException("outage"))))
                .isFalse();
    }

    /** How the container hands the listener's failure to the retry policy. */
    private static ListenerExecutionFailedException failed(Throwable cause) {
        return new ListenerExecutionFailedException("Listener threw exception", cause);
    }
}
