package com.hmall.e2e.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestMethodOrder;

import com.hmall.e2e.faults.Fault;
import com.hmall.e2e.faults.PaymentsUnderFault;
import com.hmall.e2e.faults.Reconciliation;
import com.hmall.e2e.support.Services.Service;

/**
 * The fault suite on a three-node RabbitMQ cluster: what each failure of issue 13 does to payments,
 * reconciled to the fen and measured. {@link ClusterSuite} starts a cluster and a whole suite of
 * this test's own with the scripts ({@code start-cluster.sh}, {@code start-local.sh} with
 * {@code RABBITMQ_ADDRESSES} = the three nodes) and stops and deletes both at the end, also after a
 * failure; if either cannot start, this fails, it never skips.
 *
 * <p>Each scenario pays {@value PaymentsUnderFault#DEFAULT_PAYMENTS} orders of ten users from eight
 * threads in async mode (over every pay-service instance in turn), injects its fault a third of the
 * way in, heals it at two thirds, and reconciles every payment as {@code FaultToleranceIT} does
 * ({@link PaymentsUnderFault}); it prints its line, with how long publishing and consuming stalled
 * ({@link Stalls}), and writes it to {@code e2e-tests/target/cluster-fault-report.txt}.
 *
 * <ol>
 * <li>{@code leader-stopped}: the node that leads the consumer queues stopped
 * ({@code stop-cluster.sh --node N}) and started again ({@code start-cluster.sh});</li>
 * <li>{@code node-cut-off}: the node that leads them then, cut off from the others (locally: its
 * RabbitMQ application stopped, {@code rabbitmqctl stop_app}) and healed ({@code start_app});</li>
 * <li>{@code consumer-killed}: one instance of notify-service killed with SIGKILL, started again;</li>
 * <li>{@code pay-service-killed}: one pay-service killed with SIGKILL, started again;</li>
 * <li>{@code rolling-restart}: every instance of every service but the console stopped (TERM) and
 * started again, one at a time, each waited for until healthy, while payments flow.</li>
 * </ol>
 *
 * <p>Which run: every {@code ./mvnw -B verify} (and so {@code .ci/run}) runs scenario 1, to stay
 * within CI's 30 minutes (starting the cluster and thirteen JVMs is most of its cost); all five run with {@code -Dcluster.faults=all} (or a comma-separated list
 * of the names above), for example
 * {@code ./mvnw -B -o -pl e2e-tests -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
 * -Dit.test=ClusterFaultToleranceIT -Dfailsafe.failIfNoSpecifiedTests=false -Dcluster.faults=all};
 * {@code -Dfaults.payments=N} changes the count. Scenarios 3 to 5 are about one of two instances:
 * with {@link ClusterSuite#INSTANCES} at 1 they run against the only instance, which proves the
 * machinery, not the failover.
 *
 * <p>Before the faults, on the suite just started, {@link WorkSharing}: two of every service share
 * the work and do each effect once, in async and in sync mode.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterFaultToleranceIT {

    private static final List<String> IN_EVERY_BUILD = List.of("leader-stopped");
    private static final Path REPORT = LocalCluster.repositoryRoot().resolve("e2e-tests/target/cluster-fault-report.txt");
    /** A generous guess of one instance's stop, start and health on two cores: the rolling restart's payments are spread over it. */
    private static final Duration ONE_RESTART = Duration.ofSeconds(40);

    private static ClusterSuite suite;

    @BeforeAll
    static void startTheClusterAndTheSuite() {
        suite = new ClusterSuite(LocalCluster.repositoryRoot());
        suite.start();
    }

    @AfterAll
    static void stopEverything() {
        if (suite != null) {
            suite.close();
        }
    }

    @Test
    @Order(1)
    void shouldShareTheWorkBetweenTwoInstancesAndDoEachEffectOnce() throws Exception {
        WorkSharing.check();
    }

    @TestFactory
    @Order(2)
    List<DynamicTest> shouldLoseAndDoubleNothingWhenTheClusterOrTheServicesFail() {
        Map<String, Function<ClusterSuite, Fault>> scenarios = new java.util.LinkedHashMap<>();
        scenarios.put("leader-stopped", ClusterFaultToleranceIT::leaderStopped);
        scenarios.put("node-cut-off", ClusterFaultToleranceIT::nodeCutOff);
        scenarios.put("consumer-killed", s -> killed(s, "notify-service"));
        scenarios.put("pay-service-killed", s -> killed(s, "pay-service"));
        scenarios.put("rolling-restart", ClusterFaultToleranceIT::rollingRestart);
        List<String> chosen = chosen(scenarios.keySet());
        return chosen.stream().map(name -> DynamicTest.dynamicTest(name, () -> runScenario(scenarios.get(name).apply(suite))))
                .toList();
    }

    /** {@code -Dcluster.faults}: unset, the one of every build; {@code all}; or a comma-separated list of names. */
    private static List<String> chosen(Collection<String> known) {
        String property = System.getProperty("cluster.faults", "").trim();
        if (property.isEmpty()) {
            return IN_EVERY_BUILD;
        }
        if (property.equals("all")) {
            return List.copyOf(known);
        }
        List<String> names = Arrays.stream(property.split(",")).map(String::trim).filter(name -> !name.isEmpty()).toList();
        assertThat(known).as("-Dcluster.faults=%s: the scenarios are all, or of %s", property, known).containsAll(names);
        return names;
    }

    private void runScenario(Fault fault) throws Exception {
        suite.awaitConsumerQueuesWhole();
        List<Service> payInstances = suite.instances("pay-service");
        PaymentsUnderFault payments = new PaymentsUnderFault(suite.services(), payInstances, suite::startMissing);
        Stalls.Histograms before = Stalls.Histograms.read(payInstances);
        PaymentsUnderFault.Outcome outcome;
        Stalls stalls;
        try (EffectWatch watch = EffectWatch.start()) {
            outcome = payments.run(fault);
            stalls = Stalls.measure(before, Stalls.Histograms.read(payInstances), watch, outcome.purchases());
        }
        Reconciliation books = outcome.books();
        String line = books.line(fault.name()) + "; " + stalls.describe();
        System.out.println("[cluster faults] " + line);
        PaymentsUnderFault.record(REPORT, line);
        assertThat(books.consistent()).as(line).isTrue();
        assertThat(books.succeeded()).as("payments went through around the fault").isPositive();
    }

    /** The node that leads most of the consumer queues (all of them, normally: they are declared through one). */
    private static int leadingNode(ClusterSuite suite) {
        Map<String, Long> queuesByLeader = suite.consumerQueueLeaders().values().stream()
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(queuesByLeader).as("the consumer queues' leaders").isNotEmpty();
        String leader = queuesByLeader.entrySet().stream().max(Comparator.comparing(Map.Entry::getValue)).orElseThrow()
                .getKey();
        return suite.cluster().nodeNumber(leader);
    }

    private static Fault leaderStopped(ClusterSuite suite) {
        LocalCluster cluster = suite.cluster();
        int node = leadingNode(suite);
        Map<String, String> leadersBefore = suite.consumerQueueLeaders();
        return new Fault() {
            public String name() {
                return "the consumer queues' leader (" + cluster.nodeName(node) + ") stopped and started";
            }

            public void inject() {
                System.out.println("[cluster faults] leaders before: " + leadersBefore);
                System.out.println(cluster.stopNode(node));
                System.out.println("[cluster faults] leaders with " + cluster.nodeName(node) + " down: "
                        + suite.consumerQueueLeaders());
            }

            public void heal() {
                System.out.println(cluster.start());
                suite.awaitConsumerQueuesWhole();
            }
        };
    }

    private static Fault nodeCutOff(ClusterSuite suite) {
        LocalCluster cluster = suite.cluster();
        int node = leadingNode(suite);
        return new Fault() {
            public String name() {
                return "the consumer queues' leader (" + cluster.nodeName(node) + ") cut off (stop_app) and healed";
            }

            public void inject() {
                cluster.rabbitmqctl(node, "-q", "stop_app");
                System.out.println("[cluster faults] leaders with " + cluster.nodeName(node) + " cut off: "
                        + suite.consumerQueueLeaders());
            }

            public void heal() {
                cluster.rabbitmqctl(node, "-q", "start_app");
                cluster.rabbitmqctl(node, "-q", "await_startup");
                suite.awaitConsumerQueuesWhole();
            }
        };
    }

    /** The last instance of the service (the second, with two) killed; the tests read through the first. */
    private static Fault killed(ClusterSuite suite, String service) {
        int instance = ClusterSuite.INSTANCES;
        return new Fault() {
            public String name() {
                return service + " #" + instance + " of " + ClusterSuite.INSTANCES + " killed with SIGKILL";
            }

            public void inject() {
                suite.kill(service, instance);
            }

            public void heal() {
                suite.startMissing();
            }
        };
    }

    private static Fault rollingRestart(ClusterSuite suite) {
        int restarts = ClusterSuite.SERVICES.size() * ClusterSuite.INSTANCES;
        return new Fault() {
            public String name() {
                return "rolling restart of " + restarts + " instances (" + ClusterSuite.INSTANCES + " of every service)";
            }

            public void inject() {
                for (String service : ClusterSuite.SERVICES) {
                    for (int instance = 1; instance <= ClusterSuite.INSTANCES; instance++) {
                        long started = System.nanoTime();
                        suite.stop(service, instance);
                        suite.startMissing();
                        System.out.printf("[cluster faults] restarted %s #%d in %.1f s%n", service, instance,
                                (System.nanoTime() - started) / 1e9);
                    }
                }
            }

            public void heal() {
                suite.startMissing();
            }

            public Duration duration() {
                return ONE_RESTART.multipliedBy(restarts);
            }
        };
    }
}
