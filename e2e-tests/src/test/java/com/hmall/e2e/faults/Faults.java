package com.hmall.e2e.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.hmall.e2e.support.LocalSuite;
import com.hmall.e2e.support.SuiteEnvironment;

/** The faults of the reliability suite, each done the way it happens in real life. */
final class Faults {

    private Faults() {
    }

    /**
     * Every AMQP connection of every service is cut by the broker, as a network blip would: those of
     * the tests' vhost only, so a classroom suite on the same broker goes on undisturbed.
     */
    static Fault brokerConnectionsCut() {
        return new Fault() {
            public String name() {
                return "broker connections cut";
            }

            public void inject() {
                rabbitmqctl("close_all_connections", "-p", SuiteEnvironment.VIRTUAL_HOST, "fault test: connections cut");
            }

            public void heal() {
                // Nothing to do: the services reconnect by themselves.
            }
        };
    }

    /**
     * RabbitMQ itself goes away and comes back; payments go on meanwhile. The whole broker, as in real
     * life: a classroom suite on it reconnects by itself, as the tests' own does.
     */
    static Fault brokerStoppedAndStarted() {
        return new Fault() {
            public String name() {
                return "RabbitMQ stopped and started";
            }

            public void inject() {
                rabbitmqctl("stop_app");
            }

            public void heal() {
                rabbitmqctl("start_app");
                rabbitmqctl("await_startup");
            }
        };
    }

    /** A service process dies without a chance to clean up (SIGKILL), then is started again. */
    static Fault killed(String service) {
        return new Fault() {
            public String name() {
                return service + " killed with SIGKILL";
            }

            public void inject() {
                Path pidFile = SuiteEnvironment.pidFileOf(service);
                try {
                    long pid = Long.parseLong(Files.readString(pidFile).trim());
                    ProcessHandle process = ProcessHandle.of(pid)
                            .orElseThrow(() -> new IllegalStateException(service + " is not running"));
                    process.destroyForcibly();
                    process.onExit().get(30, TimeUnit.SECONDS);
                } catch (IOException | java.util.concurrent.ExecutionException
                        | java.util.concurrent.TimeoutException e) {
                    throw new IllegalStateException("Could not kill " + service, e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }

            public void heal() {
                LocalSuite.startMissingServices();
            }
        };
    }

    /** The broker faults are made with rabbitmqctl: without it they cannot be tested, and that is a failure. */
    static void requireRabbitmqctl() {
        int exit;
        try {
            exit = run(List.of("rabbitmqctl", "-q", "status"), Duration.ofSeconds(30));
        } catch (IllegalStateException e) {
            exit = -1;
        }
        if (exit != 0) {
            throw new IllegalStateException("The broker faults need rabbitmqctl for the local RabbitMQ (run the tests"
                    + " as root or as the broker's user, on the broker's machine)");
        }
    }

    private static void rabbitmqctl(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("rabbitmqctl", "-q"));
        command.addAll(List.of(args));
        int exit = run(command, Duration.ofSeconds(120));
        if (exit != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + exit);
        }
    }

    private static int run(List<String> command, Duration timeout) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " timed out");
            }
            return process.exitValue();
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", command) + " could not run", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
