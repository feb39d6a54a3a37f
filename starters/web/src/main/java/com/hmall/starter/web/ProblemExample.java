package com.hmall.starter.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The {@code detail} this endpoint really gives for one of its {@link ProblemResponses}, shown in
 * the API document instead of the general example: {@code NOT_FOUND} reads "User 1 does not
 * exist" on one endpoint and "pay order 1 does not exist" on another. Naming a code here documents
 * it too, listed in {@link ProblemResponses} or not.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Repeatable(ProblemExample.List.class)
public @interface ProblemExample {

    ErrorCode code();

    String detail();

    /** Holds the repeated {@link ProblemExample}s of one endpoint. */
    @Documented
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @interface List {

        ProblemExample[] value();
    }
}
