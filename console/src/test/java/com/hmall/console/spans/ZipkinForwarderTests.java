package com.hmall.console.spans;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import com.hmall.console.services.FakeService;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class ZipkinForwarderTests {

    @Test
    void shouldForwardEachBatchAsReceived() throws Exception {
        try (FakeService zipkin = new FakeService().answer("POST /api/v2/spans", 202, "")) {
            ZipkinForwarder forwarder = new ZipkinForwarder(zipkin.url() + "/", new SimpleMeterRegistry());
            try {
                forwarder.forward("[{\"a\":1}]".getBytes(StandardCharsets.UTF_8));

                await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(zipkin.requests)
                        .singleElement().satisfies(request -> {
                            assertThat(request.path()).isEqualTo("/api/v2/spans");
                            assertThat(request.body()).isEqualTo("[{\"a\":1}]");
                        }));
                await().atMost(Duration.ofSeconds(5)).until(() -> forwarder.forwardedCount() == 1);
            } finally {
                forwarder.destroy();
            }
        }
    }

    @Test
    void shouldDropAndCountWhenZipkinIsSlowInsteadOfWaiting() throws Exception {
        List<Socket> held = new CopyOnWriteArrayList<>();
        try (ServerSocket silent = new ServerSocket(0)) {
            Thread acceptor = new Thread(() -> {
                while (!silent.isClosed()) {
                    try {
                        held.add(silent.accept()); // takes the connection, never answers
                    } catch (Exception closed) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            ZipkinForwarder forwarder = new ZipkinForwarder("http://127.0.0.1:" + silent.getLocalPort(), new SimpleMeterRegistry());
            try {
                long started = System.nanoTime();
                for (int i = 0; i < ZipkinForwarder.QUEUE_CAPACITY + 50; i++) {
                    forwarder.forward(new byte[] { '[', ']' });
                }
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
                assertThat(forwarder.droppedCount()).isGreaterThanOrEqualTo(49);
            } finally {
                forwarder.destroy();
                for (Socket socket : held) {
                    socket.close();
                }
            }
        }
    }

    @Test
    void shouldForwardNothingWithoutAZipkinUrl() {
        ZipkinForwarder forwarder = new ZipkinForwarder("", new SimpleMeterRegistry());
        forwarder.forward(new byte[] { '[', ']' });
        assertThat(forwarder.enabled()).isFalse();
        assertThat(forwarder.droppedCount()).isZero();
    }
}
