package com.hmall.starter.web.instance;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.springframework.core.env.Environment;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationFilter;

/**
 * Tags every observation, and so every span, with the instance that made it:
 * {@code hmall.instance = <host>:<port>}. With two instances of a service, the console can then say
 * which of them took a call or handled an event. Locally the instances share a host and differ by
 * port; under compose each container has its own host name.
 *
 * <p>A high-cardinality key value: it goes on spans, never on metrics, so no metric gains a label.
 * The port is the one the web server really took ({@code local.server.port}), read once it is known.
 */
public final class InstanceObservationFilter implements ObservationFilter {

    public static final String INSTANCE_TAG = "hmall.instance";

    private final Environment environment;
    private final String host;
    private volatile String instance;

    public InstanceObservationFilter(Environment environment) {
        this.environment = environment;
        this.host = hostName();
    }

    @Override
    public Observation.Context map(Observation.Context context) {
        return context.addHighCardinalityKeyValue(KeyValue.of(INSTANCE_TAG, instance()));
    }

    String instance() {
        String known = instance;
        if (known != null) {
            return known;
        }
        String port = environment.getProperty("local.server.port");
        if (port == null) {
            // Before the web server has started (start-up observations): the configured port.
            return host + ":" + environment.getProperty("server.port", "8080");
        }
        instance = host + ":" + port;
        return instance;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException unknown) {
            return "localhost";
        }
    }
}
