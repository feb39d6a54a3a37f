package com.hmall.starter.web.instance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mock.env.MockEnvironment;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;

/** Every observation names the instance that made it, by the port its web server really took. */
class InstanceObservationFilterTests {

    @Test
    void shouldTagEveryObservationWithHostAndTheWebServersPort() {
        MockEnvironment environment = new MockEnvironment().withProperty("server.port", "0")
                .withProperty("local.server.port", "18184");
        List<Observation.Context> stopped = observe(new InstanceObservationFilter(environment));

        KeyValue instance = stopped.get(0).getHighCardinalityKeyValue(InstanceObservationFilter.INSTANCE_TAG);
        assertThat(instance).isNotNull();
        assertThat(instance.getValue()).endsWith(":18184").doesNotStartWith(":");
        assertThat(stopped.get(0).getLowCardinalityKeyValue(InstanceObservationFilter.INSTANCE_TAG))
                .as("never a metric label").isNull();
    }

    @Test
    void shouldUseTheConfiguredPortUntilTheWebServerHasStarted() {
        MockEnvironment environment = new MockEnvironment().withProperty("server.port", "8084");
        InstanceObservationFilter filter = new InstanceObservationFilter(environment);

        assertThat(filter.instance()).endsWith(":8084");
        environment.setProperty("local.server.port", "8184");
        assertThat(filter.instance()).endsWith(":8184");
    }

    @Test
    void shouldBeGivenToEveryApplication() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(InstanceObservationAutoConfiguration.class))
                .run(context -> assertThat(context).hasSingleBean(InstanceObservationFilter.class));
    }

    private static List<Observation.Context> observe(InstanceObservationFilter filter) {
        List<Observation.Context> stopped = new ArrayList<>();
        ObservationRegistry registry = ObservationRegistry.create();
        registry.observationConfig().observationFilter(filter).observationHandler(new ObservationHandler<>() {
            @Override
            public void onStop(Observation.Context context) {
                stopped.add(context);
            }

            @Override
            public boolean supportsContext(Observation.Context context) {
                return true;
            }
        });
        Observation.start("notify.pay.success.queue receive", registry).stop();
        return stopped;
    }
}
