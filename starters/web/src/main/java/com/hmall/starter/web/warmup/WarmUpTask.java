package com.hmall.starter.web.warmup;

/**
 * Work a service wants done before it reports ready, next to its warm-up requests: a bean of this
 * type runs once, before those requests, whenever the warm-up is on ({@code hmall.warm-up.enabled},
 * off in module tests). For what no request of its own reaches without touching data, such as
 * user-service's pay password hashing. One that fails is logged and skipped; it never stops a start.
 */
@FunctionalInterface
public interface WarmUpTask {

    void run() throws Exception;
}
