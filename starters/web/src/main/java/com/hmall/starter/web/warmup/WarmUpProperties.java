package com.hmall.starter.web.warmup;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The requests a service sends itself before it reports ready ({@code hmall.warm-up.*}). Each must
 * change nothing: an unknown id (404) or a body that fails validation (400) runs the web, JSON,
 * validation and database code of a real request, and answers before anything is written.
 *
 * @param enabled  false: ready as soon as started, the first requests of a class run on cold code
 * @param rounds   how many times the whole list is sent
 * @param timeout  per request; a warm-up never holds a start longer than rounds x requests x this
 * @param requests what to send
 */
@ConfigurationProperties("hmall.warm-up")
public record WarmUpProperties(@DefaultValue("true") boolean enabled, @DefaultValue("5") int rounds,
        @DefaultValue("5s") Duration timeout, List<Request> requests) {

    public WarmUpProperties {
        requests = requests == null ? List.of() : List.copyOf(requests);
        if (rounds < 0) {
            throw new IllegalArgumentException("hmall.warm-up.rounds must be 0 or more, not " + rounds);
        }
    }

    /**
     * One request to the service's own port.
     *
     * @param method GET, POST, PUT, ...
     * @param path   from the root, with its query ({@code /orders/0})
     * @param body   JSON sent with it, or none
     */
    public record Request(@DefaultValue("GET") String method, String path, String body) {

        public Request {
            if (path == null || !path.startsWith("/")) {
                throw new IllegalArgumentException("hmall.warm-up.requests: a path starts with /, not " + path);
            }
        }
    }
}
