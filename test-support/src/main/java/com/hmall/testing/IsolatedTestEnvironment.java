package com.hmall.testing;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Runs a module's tests in a RabbitMQ vhost and databases of their own, so that {@code ./mvnw -B
 * verify} passes while a classroom suite runs on the same broker and database server, and neither
 * disturbs the other. Registered in each module's
 * {@code META-INF/services/org.junit.platform.launcher.LauncherSessionListener}: the vhost is made
 * fresh when the module's tests start and deleted when they end. The application reads both
 * through system properties, which outrank its {@code application.yml}. Span export to the console
 * is off ({@code HMALL_TRACING_EXPORT=false}) unless given, and so is the warm-up a service sends
 * itself before it reports ready ({@code hmall.warm-up.enabled=false}): it would reach a test's mocks
 * before the test does. {@code SelfWarmUpTests} switches it back on.
 *
 * <p>{@code spring.rabbitmq.virtual-host} or {@code HMALL_DATABASE_SUFFIX} given on the command line
 * are left as they are (the vhost is then still made and deleted).
 */
public final class IsolatedTestEnvironment implements LauncherSessionListener {

    static final String VIRTUAL_HOST = "hmall-test";
    static final String DATABASE_SUFFIX = "_test";

    private final RabbitVirtualHosts virtualHosts = RabbitVirtualHosts.fromEnvironment();
    private String virtualHost;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        virtualHost = System.getProperty("spring.rabbitmq.virtual-host", VIRTUAL_HOST);
        System.setProperty("spring.rabbitmq.virtual-host", virtualHost);
        if (System.getProperty("HMALL_DATABASE_SUFFIX") == null) {
            System.setProperty("HMALL_DATABASE_SUFFIX", DATABASE_SUFFIX);
        }
        // A classroom console on :8080 shows the classroom's payments, not the tests'.
        if (System.getProperty("HMALL_TRACING_EXPORT") == null) {
            System.setProperty("HMALL_TRACING_EXPORT", "false");
        }
        if (System.getProperty("hmall.warm-up.enabled") == null) {
            System.setProperty("hmall.warm-up.enabled", "false");
        }
        virtualHosts.recreate(virtualHost);
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (virtualHost != null) {
            virtualHosts.delete(virtualHost);
        }
    }
}
