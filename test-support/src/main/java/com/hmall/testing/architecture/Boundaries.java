package com.hmall.testing.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;

/**
 * The suite's module boundaries, each as an ArchUnit rule a module's {@code ArchitectureTests}
 * checks against its own classes. The lesson's claim for async mode is that pay-service publishes
 * and knows no subscriber, and that each service stands alone; these rules keep the code honest
 * about it.
 *
 * <p>A new module (the console, a new consumer) adds its package here and one line to its own test.
 */
public final class Boundaries {

    /** Each service module by name, with the package its code lives in. */
    public static final Map<String, String> SERVICES = Map.of(
            "user-service", "com.hmall.user..",
            "trade-service", "com.hmall.trade..",
            "pay-service", "com.hmall.pay..",
            "notify-service", "com.hmall.notify..",
            "points-service", "com.hmall.points..",
            "coupon-service", "com.hmall.coupon..");

    /** The services that consume pay-service's event. */
    public static final List<String> CONSUMERS = List.of("trade-service", "notify-service", "points-service",
            "coupon-service");

    /** What the producer owns and its consumers may read: the event, exchange and routing key. */
    public static final String PAY_EVENTS = "com.hmall.payevents..";

    public static final String STARTERS = "com.hmall.starter..";

    public static final String CONSOLE = "com.hmall.console..";

    private Boundaries() {
    }

    /** Every boundary of a service that consumes pay-service's event. */
    public static ArchRule ofConsumer(String consumer) {
        return CompositeArchRule.of(serviceStandsAlone(consumer)).and(consumerKnowsOnlyTheEvent(consumer));
    }

    /** Every boundary of pay-service; the strings it compiles in are checked apart (see {@link ClassConstants}). */
    public static ArchRule ofProducer() {
        return CompositeArchRule.of(serviceStandsAlone("pay-service")).and(producerKnowsNoConsumer());
    }

    /**
     * The console's boundary: it learns about the services from their spans and the broker, never
     * from their code. In the console's {@code ArchitectureTests}:
     * {@code @ArchTest static final ArchRule boundaries = Boundaries.ofConsole();}
     */
    public static ArchRule ofConsole() {
        return dependsOnNoService("console", CONSOLE);
    }

    /** The service's code uses no other service's code and none of the console's. */
    public static ArchRule serviceStandsAlone(String service) {
        String own = packageOf(service);
        String[] others = Stream.concat(SERVICES.values().stream().filter(pkg -> !pkg.equals(own)), Stream.of(CONSOLE))
                .sorted().toArray(String[]::new);
        return noClasses().that().resideInAPackage(own)
                .should().dependOnClassesThat().resideInAnyPackage(others)
                .because(service + " talks to the others over HTTP or the broker, never through their code");
    }

    /** A consumer takes the producer's event ({@link #PAY_EVENTS}), never pay-service's own code. */
    public static ArchRule consumerKnowsOnlyTheEvent(String consumer) {
        if (!CONSUMERS.contains(consumer)) {
            throw new IllegalArgumentException(consumer + " is not one of the consumers " + CONSUMERS);
        }
        return noClasses().that().resideInAPackage(packageOf(consumer))
                .should().dependOnClassesThat().resideInAPackage(packageOf("pay-service"))
                .because(consumer + " reads the published event in " + PAY_EVENTS + ", not its producer's classes");
    }

    /**
     * Code that is shared or stands beside the services (a starter, the event, the console) depends
     * on none of them: a service takes it, not the other way round.
     */
    public static ArchRule dependsOnNoService(String module, String modulePackage) {
        return noClasses().that().resideInAPackage(modulePackage)
                .should().dependOnClassesThat().resideInAnyPackage(SERVICES.values().stream().sorted().toArray(String[]::new))
                .because(module + " must work for every service and for a new one, so it knows none of them");
    }

    /** pay-service uses no consumer's code: a new subscriber needs no change to it. */
    public static ArchRule producerKnowsNoConsumer() {
        return noClasses().that().resideInAPackage(packageOf("pay-service"))
                .should().dependOnClassesThat()
                .resideInAnyPackage(CONSUMERS.stream().map(Boundaries::packageOf).toArray(String[]::new))
                .because("pay-service publishes and knows no subscriber");
    }

    public static String packageOf(String service) {
        String pkg = SERVICES.get(service);
        if (pkg == null) {
            throw new IllegalArgumentException("No service " + service + "; the services are " + SERVICES.keySet());
        }
        return pkg;
    }
}
