package com.hmall.console.spans;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.springframework.beans.factory.DisposableBean;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import lombok.extern.slf4j.Slf4j;

/**
 * Under compose's observability profile the spans go on to Zipkin as well, as they were received:
 * best effort, from a bounded queue and one thread of its own. A slow or absent Zipkin costs
 * dropped batches ({@code hmall.console.zipkin.dropped}), never a slower collector.
 */
@Slf4j
public class ZipkinForwarder implements DisposableBean {

    static final int QUEUE_CAPACITY = 100;

    private final URI endpoint;
    private final BlockingQueue<byte[]> batches = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final HttpClient http;
    private final Counter dropped;
    private final Counter forwarded;
    private final Thread sender;
    private volatile boolean running = true;

    /** {@code zipkinUrl} null or blank: nothing is forwarded. */
    public ZipkinForwarder(String zipkinUrl, MeterRegistry meters) {
        this.dropped = Counter.builder("hmall.console.zipkin.dropped").description("Span batches not sent to Zipkin")
                .register(meters);
        this.forwarded = Counter.builder("hmall.console.zipkin.forwarded").description("Span batches sent to Zipkin")
                .register(meters);
        if (zipkinUrl == null || zipkinUrl.isBlank()) {
            this.endpoint = null;
            this.http = null;
            this.sender = null;
            return;
        }
        this.endpoint = URI.create(zipkinUrl.replaceAll("/+$", "") + "/api/v2/spans");
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(1)).build();
        this.sender = new Thread(this::sendLoop, "zipkin-forwarder");
        this.sender.setDaemon(true);
        this.sender.start();
    }

    public void forward(byte[] batch) {
        if (endpoint != null && !batches.offer(batch)) {
            dropped.increment();
        }
    }

    public boolean enabled() {
        return endpoint != null;
    }

    public double droppedCount() {
        return dropped.count();
    }

    public double forwardedCount() {
        return forwarded.count();
    }

    private void sendLoop() {
        while (running) {
            byte[] batch;
            try {
                batch = batches.poll(500, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (batch == null) {
                continue;
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(2))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(batch)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() / 100 == 2) {
                    forwarded.increment();
                } else {
                    dropped.increment();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                dropped.increment();
                log.debug("Zipkin did not take a span batch: {}", e.toString());
            }
        }
    }

    @Override
    public void destroy() {
        running = false;
        if (sender != null) {
            sender.interrupt();
        }
    }
}
