package com.hmall.pay.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;

import com.hmall.pay.PayServiceApplication;
import com.hmall.testing.architecture.ClassConstants;

/**
 * pay-service publishes and knows no subscriber: none of its classes names a consumer's queue or
 * dead-letter queue, or reads a consumer's state (notify's {@code GET /notifications}, points'
 * {@code GET /points/{userId}}). ArchUnit sees dependencies, not literals, so this reads the strings
 * compiled into pay-service's main classes.
 *
 * <p>The one mention of a consumer's path it allows is the lesson's sync mode: a Feign client's
 * {@code POST} or {@code PUT} that tells the consumer to do its part, where that path is declared.
 */
class ConsumerReferencesTests {

    /** A consumer's queue or any dead-letter queue, however it is spelled or concatenated. */
    private static final Pattern QUEUE = Pattern.compile("\\.pay\\.success\\.queue|\\.dlq\\b|\\bdlq\\.", Pattern.CASE_INSENSITIVE);

    /** The consumers' read APIs. */
    private static final Pattern READ_PATH = Pattern.compile("/notifications|/points(/|\\b)");

    @Test
    void shouldNameNoConsumerQueue() {
        assertThat(mainClassStrings(QUEUE, Map.of())).isEmpty();
    }

    @Test
    void shouldNameNoConsumerReadPathOutsideTheSyncCommands() {
        assertThat(mainClassStrings(READ_PATH, syncCommandPaths())).isEmpty();
    }

    @Test
    void shouldReadNoConsumerStateThroughFeign() {
        List<String> reads = feignClients()
                .flatMap(client -> Arrays.stream(client.getDeclaredMethods()))
                .filter(ConsumerReferencesTests::isRead)
                .flatMap(method -> Stream.of(paths(method)).filter(path -> READ_PATH.matcher(path).find())
                        .map(path -> method.getDeclaringClass().getSimpleName() + "." + method.getName() + " GET " + path))
                .toList();
        assertThat(reads).isEmpty();
    }

    /** "class file: string" for each string matching {@code pattern} that is not allowed in that class. */
    private static List<String> mainClassStrings(Pattern pattern, Map<String, Set<String>> allowedByClassFile) {
        List<String> found = new ArrayList<>();
        ClassConstants.under(ClassConstants.classesOf(PayServiceApplication.class)).forEach((classFile, strings) -> {
            Set<String> allowed = allowedByClassFile.getOrDefault(classFile, Set.of());
            strings.stream()
                    .filter(string -> pattern.matcher(string).find() && !allowed.contains(string))
                    .forEach(string -> found.add(classFile + ": " + string));
        });
        return found;
    }

    /** The paths of the Feign clients' POST and PUT calls, by the class file that declares them. */
    private static Map<String, Set<String>> syncCommandPaths() {
        return feignClients().collect(Collectors.toMap(
                client -> client.getName().replace('.', '/') + ".class",
                client -> Arrays.stream(client.getDeclaredMethods())
                        .filter(method -> method.isAnnotationPresent(PostMapping.class)
                                || method.isAnnotationPresent(PutMapping.class))
                        .flatMap(method -> Stream.of(paths(method)))
                        .collect(Collectors.toSet())));
    }

    private static Stream<Class<?>> feignClients() {
        return ClassConstants.under(ClassConstants.classesOf(PayServiceApplication.class)).keySet().stream()
                .<Class<?>>map(classFile -> load(classFile.replace('/', '.').replace('\\', '.').replaceAll("\\.class$", "")))
                .filter(type -> type.isAnnotationPresent(FeignClient.class));
    }

    private static boolean isRead(Method method) {
        RequestMapping mapping = method.getAnnotation(RequestMapping.class);
        return method.isAnnotationPresent(GetMapping.class)
                || mapping != null && (mapping.method().length == 0 || Arrays.asList(mapping.method()).contains(RequestMethod.GET));
    }

    private static String[] paths(Method method) {
        if (method.isAnnotationPresent(GetMapping.class)) {
            GetMapping mapping = method.getAnnotation(GetMapping.class);
            return concat(mapping.value(), mapping.path());
        }
        if (method.isAnnotationPresent(PostMapping.class)) {
            PostMapping mapping = method.getAnnotation(PostMapping.class);
            return concat(mapping.value(), mapping.path());
        }
        if (method.isAnnotationPresent(PutMapping.class)) {
            PutMapping mapping = method.getAnnotation(PutMapping.class);
            return concat(mapping.value(), mapping.path());
        }
        RequestMapping mapping = method.getAnnotation(RequestMapping.class);
        return mapping == null ? new String[0] : concat(mapping.value(), mapping.path());
    }

    private static String[] concat(String[] values, String[] paths) {
        return Stream.concat(Arrays.stream(values), Arrays.stream(paths)).toArray(String[]::new);
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, ConsumerReferencesTests.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
