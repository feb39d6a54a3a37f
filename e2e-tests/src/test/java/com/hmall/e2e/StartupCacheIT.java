package com.hmall.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.hmall.e2e.support.EndToEndTest;
import com.hmall.e2e.support.LocalSuite;
import com.hmall.e2e.support.SuiteEnvironment;

/**
 * The launcher runs every service from its start-up cache (scripts/lib/startup-cache.sh): the jar
 * extracted under target/startup-cache, and the cache trained next to it, the JDK's AOT cache on
 * Java 25 and later. The JVM said nothing against the cache, so it was mapped, not ignored.
 */
class StartupCacheIT extends EndToEndTest {

    private static final Pattern JAVA_VERSION = Pattern.compile("JAVA_VERSION=\"(\\d+)");

    @Test
    void shouldRunEveryServiceFromTheCacheItsTrainingMade() throws IOException {
        Path cacheRoot = LocalSuite.repositoryRoot().resolve("target/startup-cache");
        for (String service : SuiteEnvironment.STARTED_BY_DEFAULT) {
            List<String> arguments = commandLine(service);
            Path jar = Path.of(arguments.get(arguments.indexOf("-jar") + 1));
            assertThat(jar).as("%s runs its extracted jar", service)
                    .startsWith(cacheRoot.resolve(service)).hasFileName(service + ".jar");
            String cacheOption = arguments.stream()
                    .filter(argument -> argument.startsWith("-XX:AOTCache=") || argument.startsWith("-XX:SharedArchiveFile="))
                    .findFirst().orElseThrow(() -> new AssertionError(service + " started without its cache: " + arguments));
            Path cache = Path.of(cacheOption.substring(cacheOption.indexOf('=') + 1));
            assertThat(cache.getParent()).isEqualTo(jar.getParent());
            assertThat(Files.size(cache)).as("%s's cache", service).isGreaterThan(1_000_000);
            if (javaFeature(Path.of(arguments.get(0))) >= 25) {
                assertThat(cacheOption).as("Java 25 and later use the JDK's AOT cache").startsWith("-XX:AOTCache=");
            }
            assertThat(Files.readString(SuiteEnvironment.logOf(service))).as("%s's log", service)
                    .doesNotContain("[warning][aot]", "[error][aot]", "[warning][cds]", "[error][cds]");
        }
    }

    private static List<String> commandLine(String service) throws IOException {
        String pid = Files.readString(SuiteEnvironment.pidFileOf(service)).trim();
        return List.of(Files.readString(Path.of("/proc", pid, "cmdline")).split("\0"));
    }

    /** 17 or 25 ..., from the release file of the Java whose bin/java ran the service. */
    private static int javaFeature(Path java) throws IOException {
        Matcher version = JAVA_VERSION.matcher(Files.readString(java.getParent().getParent().resolve("release")));
        assertThat(version.find()).as("the release file of %s names its version", java).isTrue();
        return Integer.parseInt(version.group(1));
    }
}
