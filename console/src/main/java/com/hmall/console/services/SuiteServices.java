package com.hmall.console.services;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import com.hmall.starter.web.ApiException;
import com.hmall.starter.web.ErrorCode;

import tools.jackson.databind.json.JsonMapper;

/**
 * Each configured service's state and knobs, all asked at once with short deadlines, so a dead
 * service costs the page one time-out, not one per service. Several open pages share one answer
 * for {@code hmall.console.services-cache} (a knob turned through the console clears it).
 */
@Component
class SuiteServices implements DisposableBean {

    private final ServiceDirectory directory;
    private final Downstream probes;
    private final Downstream knobs;
    private final Duration deadline;
    private final Duration cacheFor;
    private final ExecutorService pool;
    private final AtomicReference<Cached> last = new AtomicReference<>();

    SuiteServices(ServiceDirectory directory, JsonMapper jsonMapper,
            @Value("${hmall.console.probe-timeout:1s}") Duration probeTimeout,
            @Value("${hmall.console.services-cache:300ms}") Duration cacheFor) {
        this.directory = directory;
        this.probes = new Downstream(jsonMapper, probeTimeout, probeTimeout);
        // Above the largest chaos latency is not needed here: /demo/chaos itself is never slowed.
        this.knobs = new Downstream(jsonMapper, probeTimeout, Duration.ofSeconds(5));
        this.deadline = probeTimeout.multipliedBy(2).plusMillis(200);
        this.cacheFor = cacheFor;
        AtomicInteger threads = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(Math.max(2, 2 * directory.names().size()), r -> {
            Thread thread = new Thread(r, "service-probe-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    List<ServiceView> all() {
        Cached cached = last.get();
        long now = System.nanoTime();
        if (cached != null && now - cached.at() < cacheFor.toNanos()) {
            return cached.services();
        }
        List<String> names = directory.names();
        List<CompletableFuture<ServiceView>> asked = names.stream()
                .map(name -> CompletableFuture.supplyAsync(() -> probe(name), pool)).toList();
        List<ServiceView> services = new ArrayList<>();
        long until = System.nanoTime() + deadline.toNanos();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            try {
                services.add(asked.get(i).get(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (Exception slowOrBroken) {
                asked.get(i).cancel(true);
                services.add(down(name));
            }
        }
        List<ServiceView> answer = List.copyOf(services);
        last.set(new Cached(now, answer));
        return answer;
    }

    ChaosKnobs setChaos(String name, ChaosKnobs settings) {
        var url = directory.url(name, "/demo/chaos");
        last.set(null);
        try {
            ChaosKnobs applied = knobs.call(name, knobs.http().put().uri(url).body(settings),
                    r -> r.body(ChaosKnobs.class));
            return applied;
        } catch (ApiException e) {
            if (e.getCode() == ErrorCode.NOT_FOUND) {
                // The service's own 404 says something about its routes; the console's says what it means.
                throw new ApiException(ErrorCode.NOT_FOUND, name + " has no chaos knobs (or they are switched off)");
            }
            throw e;
        } finally {
            last.set(null);
        }
    }

    private ServiceView probe(String name) {
        String url = directory.url(name).toString();
        try {
            ChaosKnobs knobs = probes.call(name, probes.http().get().uri(directory.url(name, "/demo/chaos")),
                    r -> r.body(ChaosKnobs.class));
            if (knobs == null || knobs.latencyMs() == null || knobs.outage() == null) {
                return health(name, url);
            }
            return new ServiceView(name, url, knobs.outage() ? "OUTAGE" : "UP", knobs.latencyMs(), knobs.outage());
        } catch (ApiException noKnobs) {
            // 404: a service without chaos knobs (pay-service); anything else: ask its health.
            return noKnobs.getCode() == ErrorCode.DOWNSTREAM_FAILED ? down(name) : health(name, url);
        }
    }

    private ServiceView health(String name, String url) {
        try {
            ResponseEntity<Void> health = probes.call(name, probes.http().get().uri(directory.url(name, "/actuator/health")),
                    r -> r.toBodilessEntity());
            return new ServiceView(name, url, health.getStatusCode().is2xxSuccessful() ? "UP" : "DOWN", null, null);
        } catch (ApiException unhealthy) {
            return new ServiceView(name, url, "DOWN", null, null);
        }
    }

    private ServiceView down(String name) {
        return new ServiceView(name, directory.url(name).toString(), "DOWN", null, null);
    }

    @Override
    public void destroy() {
        pool.shutdownNow();
    }

    private record Cached(long at, List<ServiceView> services) {
    }

}
