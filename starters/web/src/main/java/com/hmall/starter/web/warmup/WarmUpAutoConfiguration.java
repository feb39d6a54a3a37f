package com.hmall.starter.web.warmup;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.application.ReadinessStateHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A service warms its own request paths before it says it is ready, and {@code /actuator/health}
 * says OUT_OF_SERVICE until it is: see {@link SelfWarmUp}.
 */
@AutoConfiguration(afterName = "org.springframework.boot.health.autoconfigure.application.AvailabilityHealthContributorAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBooleanProperty(name = "hmall.warm-up.enabled", matchIfMissing = true)
@EnableConfigurationProperties(WarmUpProperties.class)
public class WarmUpAutoConfiguration {

    @Bean
    SelfWarmUp selfWarmUp(WarmUpProperties properties, ObjectProvider<WarmUpTask> tasks,
            @Value("${server.address:}") String serverAddress) {
        return new SelfWarmUp(properties, tasks.orderedStream().toList(), serverAddress);
    }

    /**
     * The readiness state in {@code /actuator/health} itself, not only in the Kubernetes probe
     * group: whatever waits for UP (the launcher, compose's health checks, the tests) then waits
     * for the warm-up too. Boot's own bean, made as {@code management.health.readinessstate.enabled}
     * would make it.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(ReadinessStateHealthIndicator.class)
    static class ReadinessInHealthConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "readinessStateHealthIndicator")
        ReadinessStateHealthIndicator readinessStateHealthIndicator(ApplicationAvailability availability) {
            return new ReadinessStateHealthIndicator(availability);
        }
    }
}
