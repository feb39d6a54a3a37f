package com.hmall.e2e.support;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the end-to-end tests' own suite runs: ports, a RabbitMQ vhost, databases and a folder for
 * PIDs and logs of its own, so that it starts, stops, kills and reads next to a classroom suite on
 * the contract's ports without touching it, even from the same checkout.
 */
public final class SuiteEnvironment {

    /** The contract port of each service plus this offset: 18081 for user-service, and so on. */
    static final int PORT_OFFSET = 10_000;

    public static final String VIRTUAL_HOST = "hmall-e2e";
    static final String DATABASE_SUFFIX = "_e2e";

    /** The console and the five services the launcher starts unless told otherwise (no coupon-service). */
    public static final List<String> STARTED_BY_DEFAULT = List.of("console", "user-service", "trade-service",
            "pay-service", "notify-service", "points-service");

    private static final Map<String, Integer> CONTRACT_PORTS = Map.of("console", 8080,
            "user-service", 8081, "trade-service", 8082, "pay-service", 8083,
            "notify-service", 8084, "points-service", 8085, "coupon-service", 8086);

    private SuiteEnvironment() {
    }

    public static int port(String service) {
        Integer contractPort = CONTRACT_PORTS.get(service);
        if (contractPort == null) {
            throw new IllegalArgumentException("unknown service " + service);
        }
        return contractPort + PORT_OFFSET;
    }

    public static String url(String service) {
        return "http://127.0.0.1:" + port(service);
    }

    public static Path runDirectory() {
        return LocalSuite.repositoryRoot().resolve("e2e-tests/target/suite/run");
    }

    public static Path logOf(String service) {
        return LocalSuite.repositoryRoot().resolve("e2e-tests/target/suite/logs/" + service + ".log");
    }

    public static Path pidFileOf(String service) {
        return runDirectory().resolve(service + ".pid");
    }

    /** What scripts/start-local.sh is given, on top of the tests' own environment. */
    public static Map<String, String> launcherVariables() {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("HMALL_CONSOLE_PORT", String.valueOf(port("console")));
        variables.put("HMALL_USER_PORT", String.valueOf(port("user-service")));
        variables.put("HMALL_TRADE_PORT", String.valueOf(port("trade-service")));
        variables.put("HMALL_PAY_PORT", String.valueOf(port("pay-service")));
        variables.put("HMALL_NOTIFY_PORT", String.valueOf(port("notify-service")));
        variables.put("HMALL_POINTS_PORT", String.valueOf(port("points-service")));
        variables.put("HMALL_COUPON_PORT", String.valueOf(port("coupon-service")));
        variables.put("RABBITMQ_VHOST", VIRTUAL_HOST);
        variables.put("HMALL_DATABASE_SUFFIX", DATABASE_SUFFIX);
        variables.put("HMALL_RUN_DIR", runDirectory().toString());
        variables.put("HMALL_LOG_DIR", logOf("user-service").getParent().toString());
        // Named, so that no USER_SERVICE_URL (...) of the tests' own environment points pay-service elsewhere.
        variables.put("USER_SERVICE_URL", url("user-service"));
        variables.put("TRADE_SERVICE_URL", url("trade-service"));
        variables.put("NOTIFY_SERVICE_URL", url("notify-service"));
        variables.put("POINTS_SERVICE_URL", url("points-service"));
        variables.put("HMALL_CONSOLE_URL", url("console"));
        return variables;
    }
}
