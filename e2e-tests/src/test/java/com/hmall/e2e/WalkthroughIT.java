package com.hmall.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.hmall.e2e.support.EndToEndTest;
import com.hmall.e2e.support.LocalSuite;
import com.hmall.e2e.support.SuiteEnvironment;

/**
 * The classroom walkthrough, as a teacher runs it on a fresh machine with the local launcher: every
 * one of its five chapters runs (none is skipped) and every claim of the lesson holds; chapter 5
 * starts coupon-service next to the running suite and leaves it running.
 */
class WalkthroughIT extends EndToEndTest {

    @Test
    void shouldRunEveryChapterAndHoldEveryClaim() throws Exception {
        Path root = LocalSuite.repositoryRoot();
        Path output = root.resolve("e2e-tests/target/walkthrough.txt");
        ProcessBuilder walkthrough = new ProcessBuilder("bash", "scripts/walkthrough.sh")
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        Map<String, String> environment = walkthrough.environment();
        // The launcher's own variables too: chapter 5 starts coupon-service with it, next to this suite.
        environment.putAll(SuiteEnvironment.launcherVariables());
        environment.remove("HMALL_CONSOLE_SERVICES");
        for (String service : List.of("user", "trade", "pay", "notify", "points", "coupon")) {
            environment.put(service.toUpperCase() + "_SERVICE_URL", SuiteEnvironment.url(service + "-service"));
        }
        environment.put("CONSOLE_URL", SuiteEnvironment.url("console"));
        environment.put("WALK_SETUP", "local");
        // Chapter 5 starts coupon-service itself, as in a classroom: an earlier test may have left it running.
        LocalSuite.stopOptionalService("coupon-service");

        Process process = walkthrough.start();
        boolean finished = process.waitFor(5, TimeUnit.MINUTES);
        String printed = read(output);
        if (!finished) {
            process.destroyForcibly();
        }

        assertThat(finished).as("the walkthrough finished within 5 minutes:%n%s", printed).isTrue();
        assertThat(process.exitValue()).as("exit status; its output:%n%s", printed).isZero();
        List<String> verdicts = printed.lines().filter(line -> line.startsWith("  => ")).toList();
        assertThat(verdicts).as("one verdict per claim, chapters 1 to 5").hasSize(8).containsOnly("  => held");
        assertThat(printed).as("chapter 5 started coupon-service itself")
                .contains("HMALL_EXTRA_SERVICES=coupon-service scripts/start-local.sh", "coupon-service is UP after");
    }

    private static String read(Path output) throws IOException {
        return Files.exists(output) ? Files.readString(output, StandardCharsets.UTF_8) : "(no output)";
    }
}
