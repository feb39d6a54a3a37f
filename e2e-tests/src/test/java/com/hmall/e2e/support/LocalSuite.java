package com.hmall.e2e.support;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import com.hmall.testing.RabbitVirtualHosts;

/**
 * Starts the console and the five services once for the whole end-to-end run, through the same launcher students
 * use ({@code scripts/start-local.sh}), in a vhost, databases and on ports of their own
 * ({@link SuiteEnvironment}), and stops them with {@code scripts/stop-local.sh} when the run ends. A
 * classroom suite on the contract's ports is never touched. A test suite left running by an earlier
 * run is reused and left running.
 */
public final class LocalSuite implements BeforeAllCallback {

    private static final long START_TIMEOUT_SECONDS = 420;

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .computeIfAbsent(LocalSuite.class, key -> start(), Object.class);
    }

    private static AutoCloseable start() {
        Services services = Services.fromEnvironment();
        if (services.allHealthy()) {
            System.out.println("[e2e] the tests' suite answered on every port: reusing it and leaving it running");
            return () -> { };
        }
        RabbitVirtualHosts virtualHosts = RabbitVirtualHosts.fromEnvironment();
        virtualHosts.recreate(SuiteEnvironment.VIRTUAL_HOST);
        startMissingServices();
        return () -> {
            run(repositoryRoot(), "scripts/stop-local.sh", 120);
            virtualHosts.delete(SuiteEnvironment.VIRTUAL_HOST);
        };
    }

    /** Starts whichever of the five services is not running (all of them, the first time). */
    public static void startMissingServices() {
        run(repositoryRoot(), "scripts/start-local.sh", START_TIMEOUT_SECONDS);
    }

    /**
     * Starts an optional service (coupon-service) next to the running suite, as a class does:
     * {@code HMALL_EXTRA_SERVICES=<service> scripts/start-local.sh}, which leaves every running
     * service alone.
     */
    public static void startOptionalService(String service) {
        run(repositoryRoot(), "scripts/start-local.sh", START_TIMEOUT_SECONDS, Map.of("HMALL_EXTRA_SERVICES", service));
    }

    /**
     * Stops an optional service the launcher started (TERM, as scripts/stop-local.sh does), so that a
     * test can show it being started; nothing when it does not run.
     */
    public static void stopOptionalService(String service) {
        Path pidFile = SuiteEnvironment.pidFileOf(service);
        try {
            if (!Files.exists(pidFile)) {
                return;
            }
            String pid = Files.readString(pidFile).trim();
            ProcessHandle.of(Long.parseLong(pid)).filter(ProcessHandle::isAlive).ifPresent(process -> {
                process.destroy();
                try {
                    process.onExit().get(60, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(service + " (pid " + pid + ") did not stop within 60 s", e);
                }
            });
            Files.deleteIfExists(pidFile);
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("Could not stop " + service + " from " + pidFile, e);
        }
    }

    private static void run(Path root, String script, long timeoutSeconds) {
        run(root, script, timeoutSeconds, Map.of());
    }

    private static void run(Path root, String script, long timeoutSeconds, Map<String, String> extra) {
        Path log = root.resolve("e2e-tests/target/" + Path.of(script).getFileName() + ".log");
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder("bash", script)
                    .directory(root.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            Map<String, String> environment = builder.environment();
            environment.putAll(SuiteEnvironment.launcherVariables());
            // The launcher derives the console's list of services from the URLs above.
            environment.remove("HMALL_CONSOLE_SERVICES");
            // Two cores starting five JVMs at once can be slow; the launcher's own limit is shorter.
            environment.putIfAbsent("START_TIMEOUT_SECONDS", String.valueOf(timeoutSeconds - 20));
            // BCrypt at its production work factor would make user creation and payments the bottleneck
            // of the load the fault tests generate; the pay password rules stay the same.
            environment.putIfAbsent("USER_PASSWORD_BCRYPT_STRENGTH", "4");
            environment.putAll(extra);
            Process process = builder.start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(script + " did not finish in " + timeoutSeconds + " s; see " + log);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(script + " failed:\n" + Files.readString(log));
            }
        } catch (IOException e) {
            throw new IllegalStateException("Could not run " + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static Path repositoryRoot() {
        String configured = System.getenv("HMALL_ROOT");
        File dir = configured != null ? new File(configured) : new File(System.getProperty("user.dir"));
        for (File candidate = dir.getAbsoluteFile(); candidate != null; candidate = candidate.getParentFile()) {
            if (new File(candidate, "scripts/start-local.sh").isFile()) {
                return candidate.toPath().normalize();
            }
        }
        throw new IllegalStateException("No scripts/start-local.sh above " + dir);
    }
}
