package com.hmall.e2e.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the cluster scripts refuse to do, checked without starting a node: start on a port someone
 * else holds, delete a folder they did not make, or leave anything behind when there is nothing to
 * stop. {@link RabbitClusterFailoverIT} runs them for real.
 */
class ClusterScriptsTests {

    private static final Path ROOT = LocalCluster.repositoryRoot();

    @Test
    void shouldRefuseATakenPortNamingItsHolderBeforeStartingAnyNode(@TempDir Path tmp) throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = listener.getLocalPort();
            Result start = run(tmp, clusterIn(tmp.resolve("cluster"), port), "scripts/start-cluster.sh");

            assertThat(start.exitCode()).as(start.output()).isEqualTo(1);
            assertThat(start.output()).contains("port " + port + ", for hmall-scripts-1@localhost, is held by ")
                    .contains("HMALL_CLUSTER_AMQP_PORT");
            assertThat(tmp.resolve("cluster/hmall-scripts-1")).as("no node was set up").doesNotExist();
        }
    }

    @Test
    void shouldStopNothingAndLeaveNothingWhenNoClusterWasStarted(@TempDir Path tmp) throws Exception {
        Result stop = run(tmp, clusterIn(tmp.resolve("never-started"), 5791), "scripts/stop-cluster.sh", "--delete-data");

        assertThat(stop.exitCode()).as(stop.output()).isZero();
        assertThat(stop.output().lines()).contains("hmall-scripts-1@localhost is not running",
                "hmall-scripts-2@localhost is not running", "hmall-scripts-3@localhost is not running");
        assertThat(tmp.resolve("erl_crash.dump")).as("a CLI crash dump in the working directory").doesNotExist();
        assertThat(tmp.resolve("never-started")).doesNotExist();
    }

    @Test
    void shouldNotDeleteAFolderItDidNotMake(@TempDir Path tmp) throws Exception {
        Path foreign = Files.createDirectories(tmp.resolve("someone-elses"));
        Files.writeString(foreign.resolve("keep.txt"), "mine");

        Result stop = run(tmp, clusterIn(foreign, 5791), "scripts/stop-cluster.sh", "--delete-data");

        assertThat(stop.exitCode()).as(stop.output()).isEqualTo(1);
        assertThat(stop.output()).contains("was not made by start-cluster.sh");
        assertThat(foreign.resolve("keep.txt")).hasContent("mine");
    }

    @Test
    void shouldNotTakeOverAFolderWithOtherFilesInIt(@TempDir Path tmp) throws Exception {
        Path foreign = Files.createDirectories(tmp.resolve("someone-elses"));
        Files.writeString(foreign.resolve("keep.txt"), "mine");

        Result start = run(tmp, clusterIn(foreign, 5791), "scripts/start-cluster.sh");

        assertThat(start.exitCode()).as(start.output()).isEqualTo(1);
        assertThat(start.output()).contains("holds files start-cluster.sh did not make");
        try (var files = Files.list(foreign)) {
            assertThat(files).as("nothing added, no marker above all").containsExactly(foreign.resolve("keep.txt"));
        }
    }

    @Test
    void shouldRefuseToDeleteTheDataOfOneNodeOnly(@TempDir Path tmp) throws Exception {
        Result stop = run(tmp, clusterIn(tmp.resolve("cluster"), 5791), "scripts/stop-cluster.sh", "--node", "2",
                "--delete-data");

        assertThat(stop.exitCode()).as(stop.output()).isEqualTo(2);
    }

    private static Map<String, String> clusterIn(Path directory, int amqpPort) {
        Map<String, String> environment = new HashMap<>();
        environment.put("HMALL_CLUSTER_DIR", directory.toString());
        environment.put("HMALL_CLUSTER_NAME", "hmall-scripts");
        environment.put("HMALL_CLUSTER_AMQP_PORT", String.valueOf(amqpPort));
        return environment;
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(Path workingDirectory, Map<String, String> environment, String script, String... arguments)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve(script).toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish: " + output);
        }
        return new Result(process.exitValue(), output);
    }
}
