package com.hmall.starter.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The business errors an endpoint can answer with, as the contract names them. The API document
 * shows them as problem-JSON responses, one per HTTP status, each naming its codes and carrying an
 * example body per code. {@code VALIDATION_FAILED} (400) and {@code SERVICE_UNAVAILABLE} (503) are
 * added to every endpoint without being listed.
 *
 * <pre>
 * &#64;PostMapping("/{id}/balance-payments")
 * &#64;ProblemResponses({ ALREADY_PAID, WRONG_PASSWORD, INSUFFICIENT_BALANCE, PAYMENT_LOCKED, NOT_FOUND })
 * </pre>
 *
 * @see ProblemExample for an example {@code detail} that fits this endpoint better than the general one
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface ProblemResponses {

    ErrorCode[] value();
}
