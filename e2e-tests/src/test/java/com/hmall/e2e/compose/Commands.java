package com.hmall.e2e.compose;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the commands of the compose test (docker, docker-compose, the scripts) with a fixed
 * environment, a time limit, and every line of their output appended to one log, so a failure can
 * say what the command printed and the log keeps the whole story.
 */
final class Commands {

    record Result(List<String> command, int exitCode, String output, Duration took) {

        boolean ok() {
            return exitCode == 0;
        }

        /** The output's last lines, for an assertion message. */
        String tail() {
            String[] lines = output.split("\n");
            int from = Math.max(0, lines.length - 40);
            return String.join(" ", command) + " exited " + exitCode + " after " + took.toSeconds() + " s:\n"
                    + String.join("\n", Arrays.copyOfRange(lines, from, lines.length));
        }
    }

    private final Path directory;
    private final Map<String, String> environment;
    private final Path log;

    Commands(Path directory, Map<String, String> environment, Path log) {
        this.directory = directory;
        this.environment = Map.copyOf(environment);
        this.log = log;
    }

    Result run(Duration timeout, List<String> command) {
        return run(timeout, Map.of(), command);
    }

    Result run(Duration timeout, Map<String, String> extraEnvironment, List<String> command) {
        Result result = execute(timeout, extraEnvironment, command);
        append(result);
        return result;
    }

    /** For polling: the log would fill with the same question twice a second. */
    Result quietly(Duration timeout, List<String> command) {
        return execute(timeout, Map.of(), command);
    }

    private Result execute(Duration timeout, Map<String, String> extraEnvironment, List<String> command) {
        long started = System.nanoTime();
        Path output = null;
        try {
            output = Files.createTempFile("hmall-compose-it", ".out");
            ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                    .redirectErrorStream(true).redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().putAll(environment);
            builder.environment().putAll(extraEnvironment);
            Process process = builder.start();
            boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            return new Result(command, finished ? process.exitValue() : -1,
                    finished ? text : text + "\n(stopped: no end after " + timeout.toSeconds() + " s)", took);
        } catch (IOException e) {
            throw new IllegalStateException("could not run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException ignored) {
                    // a temporary file left behind is harmless
                }
            }
        }
    }

    /** Runs it and fails, with its output, unless it exited 0. */
    Result check(Duration timeout, List<String> command) {
        return check(timeout, Map.of(), command);
    }

    Result check(Duration timeout, Map<String, String> extraEnvironment, List<String> command) {
        Result result = run(timeout, extraEnvironment, command);
        if (!result.ok()) {
            throw new AssertionError(result.tail());
        }
        return result;
    }

    void note(String line) {
        System.out.println("[compose-it] " + line);
        write("# " + line + "\n");
    }

    private synchronized void append(Result result) {
        write("$ " + String.join(" ", result.command()) + "   (exit " + result.exitCode() + ", "
                + result.took().toMillis() + " ms)\n" + result.output() + (result.output().endsWith("\n") ? "" : "\n"));
    }

    private synchronized void write(String text) {
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(log, LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + " " + text,
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + log, e);
        }
    }
}
