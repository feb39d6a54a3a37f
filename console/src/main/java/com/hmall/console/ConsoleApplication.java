package com.hmall.console;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The classroom console: a trace viewer made for the lesson. It opens no AMQP connection and no
 * database (it reads the broker through the management HTTP API), and it sends no spans of its own:
 * a collector that reported its own requests to itself would feed on its own output. The
 * exclusions are by name, so they hold whichever of these libraries is on the classpath.
 */
@SpringBootApplication(excludeName = {
    "com.hmall.common.chaos.ChaosAutoConfiguration",
    "com.hmall.common.messaging.MessagingAutoConfiguration",
    "com.hmall.common.client.ClientAutoConfiguration",
    "org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration",
    "org.springframework.boot.amqp.autoconfigure.health.RabbitHealthContributorAutoConfiguration",
    "org.springframework.boot.amqp.autoconfigure.metrics.RabbitMetricsAutoConfiguration",
    "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
    "org.springframework.boot.zipkin.autoconfigure.ZipkinAutoConfiguration",
    "org.springframework.boot.micrometer.tracing.brave.autoconfigure.zipkin.ZipkinWithBraveTracingAutoConfiguration" })
@ConfigurationPropertiesScan
public class ConsoleApplication {

    public static void main(String[] args) {
        SpringApplication.run(ConsoleApplication.class, args);
    }
}
