package com.hmall.pay.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.openfeign.loadbalancer.FeignBlockingLoadBalancerClient;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.util.ClassUtils;

import com.sun.net.httpserver.HttpServer;

import feign.Client;

/**
 * The Feign clients over Spring Cloud LoadBalancer, configured as the contract says: a downstream's
 * variable ({@code USER_SERVICE_URL}) holds one URL or a comma-separated list, and the calls go
 * round robin over the list. Two small HTTP servers play two instances of user-service; the context
 * is pay-service's own {@code application.yml} and Feign configuration, without the database, the
 * broker or the payment code, which these calls do not need.
 */
class DownstreamInstancesTests {

    private final Instance first = new Instance();
    private final Instance second = new Instance();

    @AfterEach
    void stopInstances() {
        first.stop();
        second.stop();
    }

    @Test
    void shouldSpreadCallsOverEveryInstanceOfTheList() {
        try (ConfigurableApplicationContext context = start(
                "--USER_SERVICE_URL=" + first.url() + ", " + second.url() + "/")) {
            UserClient users = context.getBean(UserClient.class);
            for (int call = 0; call < 10; call++) {
                assertThat(users.deduct(7, deduction()).balance()).isEqualTo(100);
            }
        }
        assertThat(first.calls.get()).as("calls to the first instance").isEqualTo(5);
        assertThat(second.calls.get()).as("calls to the second instance").isEqualTo(5);
    }

    @Test
    void shouldCallTheOneInstanceOfASingleUrlAsBefore() {
        try (ConfigurableApplicationContext context = start("--USER_SERVICE_URL=" + first.url())) {
            UserClient users = context.getBean(UserClient.class);
            for (int call = 0; call < 3; call++) {
                assertThat(users.deduct(7, deduction()).userId()).isEqualTo(7);
            }
        }
        assertThat(first.calls.get()).isEqualTo(3);
    }

    /** A failed call is not tried on the other instance: the payment sees it as it happened, once. */
    @Test
    void shouldRetryNothingOnAnotherInstance() {
        first.failing = true;
        second.failing = true;
        try (ConfigurableApplicationContext context = start(
                "--USER_SERVICE_URL=" + first.url() + "," + second.url())) {
            assertThat(context.getBean(Client.class)).isInstanceOf(FeignBlockingLoadBalancerClient.class);
            assertThat(ClassUtils.isPresent("org.springframework.retry.support.RetryTemplate", null))
                    .as("Spring Retry, which LoadBalancer's retrying Feign client needs").isFalse();
            assertThatThrownBy(() -> context.getBean(UserClient.class).deduct(7, deduction()))
                    .isInstanceOfSatisfying(RemoteProblemException.class, problem -> {
                        assertThat(problem.getStatus()).isEqualTo(503);
                        assertThat(problem.getCode()).isEqualTo("SERVICE_UNAVAILABLE");
                    });
        }
        assertThat(first.calls.get() + second.calls.get()).as("calls made for one deduction").isEqualTo(1);
    }

    @Test
    void shouldRefuseToStartWithABadEntryNamingIt() {
        for (String bad : new String[] { "127.0.0.1:8081", "ftp://127.0.0.1:8081", "http://", "http://host:8081/base",
                "http://127.0.0.1:8081,,http://127.0.0.1:8181" }) {
            assertThatThrownBy(() -> start("--USER_SERVICE_URL=" + bad).close()).as(bad)
                    .hasStackTraceContaining("spring.cloud.discovery.client.simple.instances.user-service")
                    .hasStackTraceContaining("is not a service instance URL");
        }
        assertThatThrownBy(() -> start("--USER_SERVICE_URL=http://127.0.0.1:8081,ftp://b:1").close())
                .hasStackTraceContaining("'ftp://b:1' is not a service instance URL (it must start with http:// or https://)");
    }

    private static DeductionRequest deduction() {
        return new DeductionRequest("P-1", 1, "123", Instant.now().plusSeconds(10));
    }

    private static ConfigurableApplicationContext start(String... args) {
        return new SpringApplicationBuilder(FeignOnly.class).web(WebApplicationType.NONE).run(args);
    }

    /** pay-service's Feign clients and the auto-configuration they use; no database, no payments. */
    @SpringBootConfiguration
    @EnableAutoConfiguration(excludeName = { "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
            "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
            "com.baomidou.mybatisplus.autoconfigure.MybatisPlusAutoConfiguration" })
    @Import(FeignClientsConfiguration.class)
    static class FeignOnly {
    }

    /** One instance of user-service: answers every deduction, or 503 problem JSON while failing. */
    private static final class Instance {

        final AtomicInteger calls = new AtomicInteger();
        volatile boolean failing;
        private final HttpServer server;

        Instance() {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            server.createContext("/users/", exchange -> {
                calls.incrementAndGet();
                exchange.getRequestBody().readAllBytes();
                int status = failing ? 503 : 200;
                byte[] body = (failing
                        ? "{\"status\":503,\"code\":\"SERVICE_UNAVAILABLE\",\"detail\":\"down\"}"
                        : "{\"userId\":7,\"balance\":100}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type",
                        failing ? "application/problem+json" : "application/json");
                exchange.sendResponseHeaders(status, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        void stop() {
            server.stop(0);
        }
    }
}
