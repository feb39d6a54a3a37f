package com.hmall.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local launcher and the CI entry point, checked without starting the real services: they are
 * executable bash that parses, refuse arguments, and stop-local.sh stops the process it recorded and
 * nothing else (in a scratch copy of the layout, with a stand-in service jar).
 */
class LocalLauncherScriptsTests {

    private static final List<String> EXECUTABLE_SCRIPTS = List.of("scripts/start-local.sh", "scripts/stop-local.sh",
            "scripts/walkthrough.sh", "scripts/benchmark.sh", "scripts/hostile-input-doc.sh", ".ci/run",
            "scripts/check-ports.sh", "scripts/images.sh", "scripts/ensure-docker.sh",
            "scripts/start-cluster.sh", "scripts/stop-cluster.sh");
    private static final List<String> SOURCED_OR_MOUNTED_SCRIPTS = List.of(
            "scripts/lib/local-services.sh", "scripts/lib/ports.sh", "scripts/lib/rabbitmq.sh", "scripts/lib/cluster.sh",
            "scripts/lib/startup-cache.sh",
            "docker/mysql/init/01-service-accounts.sh", "docker/service/startup-cache.sh");
    /** The compose side's and the cluster's scripts: --help answers 0 with the usage, anything else is refused with 2. */
    private static final List<String> SCRIPTS_WITH_HELP = List.of(
            "scripts/check-ports.sh", "scripts/images.sh", "scripts/ensure-docker.sh",
            "scripts/start-cluster.sh", "scripts/stop-cluster.sh");

    private static Path root;

    @BeforeAll
    static void findRepository() {
        root = DockerComposeContractTests.repositoryRoot();
        assumeThat(Files.isExecutable(Paths.get("/bin/bash"))).as("these tests run bash").isTrue();
    }

    @Test
    void shouldBeExecutableStrictBashScripts() throws IOException {
        for (String name : EXECUTABLE_SCRIPTS) {
            Path script = root.resolve(name);
            assertThat(script).as(name).isRegularFile();
            assertThat(Files.isExecutable(script)).as("%s is executable", name).isTrue();
            List<String> lines = Files.readAllLines(script);
            assertThat(lines.get(0)).as("%s shebang", name).isEqualTo("#!/usr/bin/env bash");
            assertThat(lines).as(name).contains("set -euo pipefail");
        }
    }

    @Test
    void shouldParseAsBash() throws Exception {
        for (String name : concat(EXECUTABLE_SCRIPTS, SOURCED_OR_MOUNTED_SCRIPTS)) {
            Result result = run(root, Map.of(), "/bin/bash", "-n", root.resolve(name).toString());
            assertThat(result.exitCode()).as("bash -n %s: %s", name, result.output()).isZero();
        }
    }

    @Test
    void shouldPassShellcheckWhereItIsInstalled() throws Exception {
        Path shellcheck = onPath("shellcheck");
        assertThat(shellcheck).as("shellcheck on the PATH (apt-get install shellcheck, as .ci/run does)").isNotNull();
        List<String> command = new ArrayList<>(List.of(shellcheck.toString(), "-x"));
        concat(EXECUTABLE_SCRIPTS, SOURCED_OR_MOUNTED_SCRIPTS).forEach(name -> command.add(root.resolve(name).toString()));
        Result result = run(root, Map.of(), command.toArray(String[]::new));
        assertThat(result.exitCode()).as("shellcheck: %s", result.output()).isZero();
    }

    @Test
    void shouldRefuseArgumentsBeforeDoingAnything() throws Exception {
        for (String name : List.of("scripts/start-local.sh", "scripts/stop-local.sh")) {
            Result result = run(root, Map.of(), root.resolve(name).toString(), "--help");
            assertThat(result.exitCode()).as(name).isEqualTo(2);
            assertThat(result.output()).as(name).contains("usage:");
        }
    }

    @Test
    void shouldAnswerHelpAndRefuseUnknownArguments() throws Exception {
        for (String name : SCRIPTS_WITH_HELP) {
            Result help = run(root, Map.of(), root.resolve(name).toString(), "--help");
            assertThat(help.exitCode()).as("%s --help: %s", name, help.output()).isZero();
            assertThat(help.output()).as(name).contains("usage: " + name);
            Result wrong = run(root, Map.of(), root.resolve(name).toString(), "--no-such-option");
            assertThat(wrong.exitCode()).as("%s --no-such-option: %s", name, wrong.output()).isEqualTo(2);
            assertThat(wrong.output()).as(name).contains("usage:");
        }
    }

    @Test
    void shouldNameThePortsVariableAndWhatHoldsIt() throws Exception {
        Path library = root.resolve("scripts/lib/ports.sh");
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = listener.getLocalPort();
            String script = "set -euo pipefail; source \"$1\"; hmall_port_variable 8081; hmall_port_variable 3306;"
                    + " HMALL_USER_PORT=$2 hmall_port_variable $2; hmall_port_holder $2;"
                    + " if hmall_port_variable 1 || hmall_port_in_use 1; then echo wrong; fi";
            Result result = run(root, Map.of(), "/bin/bash", "-c", script, "ports", library.toString(), String.valueOf(port));
            assertThat(result.exitCode()).as(result.output()).isZero();
            List<String> lines = result.output().lines().toList();
            assertThat(lines).as(result.output()).hasSize(4);
            assertThat(lines.subList(0, 3)).containsExactly("HMALL_USER_PORT", "HMALL_MYSQL_HOST_PORT", "HMALL_USER_PORT");
            assertThat(lines.get(3)).as("the holder of %s", port)
                    .satisfiesAnyOf(holder -> assertThat(holder).contains("java (pid " + ProcessHandle.current().pid() + ")"),
                            holder -> assertThat(holder).isEqualTo("unknown"));
        }
    }

    /** RABBITMQ_ADDRESSES as Spring Boot reads it: the first entry that answers, a missing port being 5672. */
    @Test
    void shouldFindTheFirstAnsweringBrokerAddress() throws Exception {
        Path library = root.resolve("scripts/lib/rabbitmq.sh");
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = listener.getLocalPort();
            String script = "set -euo pipefail; source \"$1\"; hmall_first_answering_address \"127.0.0.1:1, 127.0.0.1:$2\";"
                    + " if hmall_first_answering_address 127.0.0.1:1,127.0.0.1:2; then echo wrong; fi";
            Result result = run(root, Map.of(), "/bin/bash", "-c", script, "rabbitmq", library.toString(), String.valueOf(port));
            assertThat(result.exitCode()).as(result.output()).isZero();
            assertThat(result.output().lines()).containsExactly("127.0.0.1:" + port);
        }
    }

    @Test
    void shouldReportATakenComposePortWithItsVariableAndFail() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String port = String.valueOf(listener.getLocalPort());
            Result result = run(root, Map.of("HMALL_POINTS_PORT", port), root.resolve("scripts/check-ports.sh").toString());
            assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
            assertThat(result.output()).containsPattern("points-service +" + port + " +HMALL_POINTS_PORT +TAKEN by ")
                    .contains("HMALL_POINTS_PORT=");
        }
    }

    /** The launcher stops before it starts anything, saying what holds the port and how to move it. */
    @Test
    void shouldRefuseToStartOnATakenPortNamingItsHolderAndVariable(@TempDir Path tmp) throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String port = String.valueOf(listener.getLocalPort());
            // The console is the first the launcher looks at, so a classroom suite on the usual ports
            // cannot answer for it.
            Result start = run(root, Map.of("HMALL_CONSOLE_PORT", port, "HMALL_RUN_DIR", tmp.resolve("run").toString(),
                    "HMALL_LOG_DIR", tmp.resolve("logs").toString()), root.resolve("scripts/start-local.sh").toString());

            assertThat(start.exitCode()).as(start.output()).isEqualTo(1);
            assertThat(start.output()).contains("port " + port + ", console's, is held by ")
                    .contains("HMALL_CONSOLE_PORT=<free port> scripts/start-local.sh");
            assertThat(start.output()).as("the holder, when the system lets us see it")
                    .containsAnyOf("java (pid " + ProcessHandle.current().pid() + ")", "unknown");
            assertThat(tmp.resolve("run")).as("nothing was started").isEmptyDirectory();
        }
    }

    /**
     * HMALL_INSTANCES=2's interface, which the cluster fault suite relies on: instance 2 listens on
     * instance 1's port + 100 (a moved port moves it too) and is named {@code <service>-2}; the console
     * runs once; instance 1's names are those of a one-instance suite.
     */
    @Test
    void shouldPlaceSecondInstancesOnTheirPortPlusOneHundred(@TempDir Path tmp) throws Exception {
        Path library = root.resolve("scripts/lib/local-services.sh");
        String script = "set -euo pipefail; source \"$1\";"
                + " for s in user-service trade-service pay-service notify-service points-service coupon-service; do"
                + " echo \"$s $(port_of $s) $(port_of $s 2)\"; done;"
                + " HMALL_USER_PORT=19181 port_of user-service 2;"
                + " pid_file_of pay-service; pid_file_of pay-service 2; log_of notify-service 2; log_of notify-service 1;"
                + " instances_of console; instances_of user-service; HMALL_INSTANCES=2 instances_of console;"
                + " HMALL_INSTANCES=2 instances_of points-service;"
                + " if port_of user-service 3 2> /dev/null; then echo wrong; fi";
        Result result = run(root, Map.of("HMALL_RUN_DIR", tmp.resolve("run").toString(), "HMALL_LOG_DIR",
                tmp.resolve("logs").toString()), "/bin/bash", "-c", script, "instances", library.toString());

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output().lines()).containsExactly("user-service 8081 8181", "trade-service 8082 8182",
                "pay-service 8083 8183", "notify-service 8084 8184", "points-service 8085 8185",
                "coupon-service 8086 8186", "19281", tmp.resolve("run/pay-service.pid").toString(),
                tmp.resolve("run/pay-service-2.pid").toString(), tmp.resolve("logs/notify-service-2.log").toString(),
                tmp.resolve("logs/notify-service.log").toString(), "1", "1", "1", "1 2");
    }

    /** A start-up cache setting other than on or off, or a Java that is not there, is refused before anything starts. */
    @Test
    void shouldRefuseAnUnknownStartupCacheSettingOrAMissingJava(@TempDir Path tmp) throws Exception {
        try (ServerSocket guard = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Map<String, String> common = Map.of("HMALL_CONSOLE_PORT", String.valueOf(guard.getLocalPort()),
                    "HMALL_RUN_DIR", tmp.resolve("run").toString(), "HMALL_LOG_DIR", tmp.resolve("logs").toString());
            Map<String, String> unknown = new HashMap<>(common);
            unknown.put("HMALL_STARTUP_CACHE", "yes");
            Result start = run(root, unknown, root.resolve("scripts/start-local.sh").toString());

            assertThat(start.exitCode()).as(start.output()).isEqualTo(2);
            assertThat(start.output()).contains("HMALL_STARTUP_CACHE=yes is not supported: on (the default) or off");

            Map<String, String> missingJava = new HashMap<>(common);
            missingJava.put("HMALL_JAVA_HOME", tmp.resolve("no-such-jdk").toString());
            Result noJava = run(root, missingJava, root.resolve("scripts/start-local.sh").toString());

            assertThat(noJava.exitCode()).as(noJava.output()).isEqualTo(1);
            assertThat(noJava.output()).contains("HMALL_JAVA_HOME=" + tmp.resolve("no-such-jdk") + " has no bin/java");
            assertThat(tmp.resolve("run")).as("nothing was started").doesNotExist();
        }
    }

    /** Only 1 and 2 are supported; anything else is refused before anything is started or built. */
    @Test
    void shouldRefuseAnUnsupportedNumberOfInstances(@TempDir Path tmp) throws Exception {
        // Should the check ever let a value through, the taken console port stops the launcher next.
        try (ServerSocket guard = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            for (String instances : List.of("0", "3", "x", "2 ")) {
                Result start = run(root, Map.of("HMALL_INSTANCES", instances, "HMALL_CONSOLE_PORT",
                        String.valueOf(guard.getLocalPort()), "HMALL_RUN_DIR", tmp.resolve("run").toString(),
                        "HMALL_LOG_DIR", tmp.resolve("logs").toString()), root.resolve("scripts/start-local.sh").toString());

                assertThat(start.exitCode()).as("HMALL_INSTANCES='%s': %s", instances, start.output()).isEqualTo(2);
                assertThat(start.output()).contains("HMALL_INSTANCES=" + instances + " is not supported: only 1 (the default) and 2");
                assertThat(tmp.resolve("run")).as("nothing was started").doesNotExist();
            }
        }
    }

    @Test
    void shouldStopTheServiceItRecordedAndLeaveAnyOtherProcessAlone(@TempDir Path tmp) throws Exception {
        Path scratch = tmp.toRealPath();
        Path scripts = Files.createDirectories(scratch.resolve("scripts/lib"));
        Files.copy(root.resolve("scripts/stop-local.sh"), scratch.resolve("scripts/stop-local.sh"));
        Files.copy(root.resolve("scripts/lib/local-services.sh"), scripts.resolve("local-services.sh"));
        Path runDir = Files.createDirectories(scratch.resolve(".run"));

        Path jar = Files.createDirectories(scratch.resolve("user-service/target")).resolve("user-service.jar");
        writeSleeperJar(jar);
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        Process service = new ProcessBuilder(java, "-jar", jar.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        // Its second instance (HMALL_INSTANCES=2), stopped whatever HMALL_INSTANCES says now.
        Process secondInstance = new ProcessBuilder(java, "-jar", jar.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        // A live process that is not the service: a PID file pointing at it is stale, never obeyed.
        Process bystander = new ProcessBuilder("sleep", "60").start();
        try {
            Files.writeString(runDir.resolve("user-service.pid"), service.pid() + "\n");
            Files.writeString(runDir.resolve("user-service-2.pid"), secondInstance.pid() + "\n");
            Files.writeString(runDir.resolve("trade-service.pid"), bystander.pid() + "\n");

            Result stop = run(scratch, Map.of("STOP_TIMEOUT_SECONDS", "20"), scratch.resolve("scripts/stop-local.sh").toString());

            assertThat(stop.exitCode()).as(stop.output()).isZero();
            assertThat(service.waitFor(10, TimeUnit.SECONDS)).as("the recorded service stopped: %s", stop.output()).isTrue();
            assertThat(secondInstance.waitFor(10, TimeUnit.SECONDS)).as("its second instance stopped: %s", stop.output())
                    .isTrue();
            assertThat(stop.output()).contains("Stopping user-service-2 (pid " + secondInstance.pid() + ")",
                    "user-service-2 stopped");
            assertThat(bystander.isAlive()).as("the other process is left alone: %s", stop.output()).isTrue();
            assertThat(runDir).isEmptyDirectory();

            Result again = run(scratch, Map.of(), scratch.resolve("scripts/stop-local.sh").toString());
            assertThat(again.exitCode()).as(again.output()).isZero();
            assertThat(again.output()).contains("Nothing to stop.");
        } finally {
            service.destroyForcibly();
            secondInstance.destroyForcibly();
            bystander.destroyForcibly();
        }
    }

    /** Stands in for a service jar: a JVM that waits to be stopped. */
    static final class Sleeper {
        public static void main(String[] args) throws InterruptedException {
            Thread.sleep(TimeUnit.MINUTES.toMillis(2));
        }
    }

    private static void writeSleeperJar(Path jar) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, Sleeper.class.getName());
        String entry = Sleeper.class.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file, manifest);
                InputStream classFile = Sleeper.class.getClassLoader().getResourceAsStream(entry)) {
            assertThat(classFile).as(entry).isNotNull();
            out.putNextEntry(new JarEntry(entry));
            classFile.transferTo(out);
            out.closeEntry();
        }
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(Path workingDirectory, Map<String, String> environment, String... command)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile()).redirectErrorStream(true);
        // The scripts' own folder and port variables come from the test alone, not from a shell that
        // exported a suite's (HMALL_RUN_DIR=... of the end-to-end suite, say).
        builder.environment().keySet().removeIf(name -> name.startsWith("HMALL_") && !name.equals("HMALL_ROOT"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish: " + output);
        }
        return new Result(process.exitValue(), output);
    }

    private static Path onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Paths.get(dir, program);
            if (!dir.isEmpty() && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
