package com.hmall.starter.web.instance;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import io.micrometer.observation.ObservationFilter;

/**
 * Every service's spans say which instance made them ({@link InstanceObservationFilter}); Spring
 * Boot applies every {@link ObservationFilter} bean to its observation registry.
 */
@AutoConfiguration
@ConditionalOnClass(ObservationFilter.class)
public class InstanceObservationAutoConfiguration {

    @Bean
    InstanceObservationFilter instanceObservationFilter(Environment environment) {
        return new InstanceObservationFilter(environment);
    }
}
