package com.hmall.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.ByteArrayOutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.hmall.e2e.support.LocalSuite;

import lombok.Lombok;

/**
 * The price of the coupon in sync mode, kept true: docs/sync-coupon.patch is the change pay-service
 * would need to call coupon-service itself (a Feign client, a step, one more call in turn, its URL).
 * Here it is applied to a scratch copy of pay-service's main sources and compiled against the very
 * libraries of pay-service's jar, so the patch cannot drift from the code it patches. The walkthrough's
 * chapter 5 shows it; in async mode none of it is needed.
 */
class SyncCouponPatchTests {

    private static final Path ROOT = LocalSuite.repositoryRoot();
    private static final Path PATCH = ROOT.resolve("docs/sync-coupon.patch");
    private static final Path PAY_SERVICE_JAR = ROOT.resolve("pay-service/target/pay-service.jar");

    @Test
    void shouldTouchOnlyPayServiceAndCallCouponServiceInTurn() throws IOException {
        List<String> files = Files.readAllLines(PATCH).stream().filter(line -> line.startsWith("+++ "))
                .map(line -> line.substring("+++ b/".length())).toList();

        assertThat(files).as("what the sync version changes").isNotEmpty().allMatch(file -> file.startsWith("pay-service/"))
                .contains("pay-service/src/main/java/com/hmall/pay/client/CouponClient.java",
                        "pay-service/src/main/java/com/hmall/pay/payment/SyncFollowUps.java",
                        "pay-service/src/main/resources/application.yml");
        assertThat(Files.readString(PATCH)).contains("+            call(PaymentStep.COUPON, order, () -> coupon.issue(notice));",
                "+    @PostMapping(\"/coupons\")");
    }

    @Test
    void shouldApplyToPayServiceAndCompile(@TempDir Path scratch) throws Exception {
        assertThat(PAY_SERVICE_JAR).as("pay-service's jar (./mvnw package builds it before this module)").isRegularFile();
        Path copy = scratch.resolve("pay-service/src/main");
        copyTree(ROOT.resolve("pay-service/src/main"), copy);

        Process apply = new ProcessBuilder("git", "apply", "--verbose", PATCH.toString()).directory(scratch.toFile())
                .redirectErrorStream(true).start();
        String applied = new String(apply.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(apply.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(apply.exitValue()).as("git apply docs/sync-coupon.patch on a copy of pay-service:%n%s", applied).isZero();

        List<String> classpath = new ArrayList<>(unpackLibraries(PAY_SERVICE_JAR, scratch.resolve("lib")));
        // Lombok is compile-only: pay-service's jar does not carry it.
        classpath.add(lombokJar().toString());
        Path classes = Files.createDirectories(scratch.resolve("classes"));
        List<String> sources;
        try (Stream<Path> walk = Files.walk(copy.resolve("java"))) {
            sources = walk.filter(file -> file.toString().endsWith(".java")).map(Path::toString).toList();
        }
        List<String> arguments = new ArrayList<>(List.of("--release", "17", "-parameters", "-proc:full",
                "-classpath", String.join(java.io.File.pathSeparator, classpath),
                "-processorpath", lombokJar().toString(), "-d", classes.toString()));
        arguments.addAll(sources);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac).as("a JDK's compiler").isNotNull();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int status = javac.run(null, diagnostics, diagnostics, arguments.toArray(String[]::new));

        assertThat(status).as("javac on the patched pay-service:%n%s", diagnostics.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(classes.resolve("com/hmall/pay/client/CouponClient.class")).isRegularFile();
        assertThat(new String(Files.readAllBytes(classes.resolve("com/hmall/pay/payment/SyncFollowUps.class")),
                StandardCharsets.ISO_8859_1)).as("SyncFollowUps now holds a CouponClient").contains("Lcom/hmall/pay/client/CouponClient;");
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : walk.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** The jars in BOOT-INF/lib of a Spring Boot jar: exactly what pay-service compiles and runs with. */
    private static List<String> unpackLibraries(Path bootJar, Path into) throws IOException {
        Files.createDirectories(into);
        List<String> jars = new ArrayList<>();
        try (JarFile jar = new JarFile(bootJar.toFile())) {
            for (JarEntry entry : jar.stream().toList()) {
                if (entry.getName().startsWith("BOOT-INF/lib/") && entry.getName().endsWith(".jar")) {
                    Path target = into.resolve(Path.of(entry.getName()).getFileName().toString());
                    try (InputStream in = jar.getInputStream(entry)) {
                        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                    jars.add(target.toString());
                }
            }
        }
        assertThat(jars).as("libraries in %s", bootJar).isNotEmpty();
        return jars;
    }

    private static Path lombokJar() throws URISyntaxException {
        return Path.of(Lombok.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
