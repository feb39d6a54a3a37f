package com.hmall.console;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The classroom console: a trace viewer made for the lesson. It takes only the web starter: no AMQP
 * client and no database (it reads the broker through the management HTTP API), and no tracing of
 * its own, since a collector that reported its own requests to itself would feed on its own output.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ConsoleApplication {

    public static void main(String[] args) {
        SpringApplication.run(ConsoleApplication.class, args);
    }
}
