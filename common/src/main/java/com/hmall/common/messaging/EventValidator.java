package com.hmall.common.messaging;

import java.util.Set;

import org.springframework.amqp.AmqpRejectAndDontRequeueException;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

/**
 * Holds an incoming event to the same rules as the request body of the sync endpoint. An event that
 * breaks them fails the same way on every delivery, so it is rejected straight into the
 * dead-letter queue instead of being retried.
 */
public class EventValidator {

    private final Validator validator;

    public EventValidator(Validator validator) {
        this.validator = validator;
    }

    public <T> T requireValid(T payload, String eventId) {
        Set<ConstraintViolation<T>> violations = validator.validate(payload);
        if (!violations.isEmpty()) {
            throw new AmqpRejectAndDontRequeueException("Invalid event " + eventId + ": "
                    + violations.stream().map(v -> v.getPropertyPath() + " " + v.getMessage()).sorted().toList());
        }
        return payload;
    }
}
