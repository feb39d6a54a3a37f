package com.hmall.testing.architecture;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The strings compiled into classes: every UTF-8 entry of each class file's constant pool, which
 * holds string literals (a {@code static final String} constant is inlined into each class that
 * uses it), annotation values such as a {@code @PostMapping} path, and the recipes of string
 * concatenations. ArchUnit sees dependencies, not literals; a queue name is a literal.
 */
public final class ClassConstants {

    private ClassConstants() {
    }

    /** Where {@code type}'s class files were compiled to: its module's {@code target/classes}. */
    public static Path classesOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Each class file under {@code root} (by its path relative to root) with its strings. */
    public static Map<String, Set<String>> under(Path root) {
        Map<String, Set<String>> constants = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(file -> file.toString().endsWith(".class"))
                    .forEach(file -> constants.put(root.relativize(file).toString(), of(read(file))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (constants.isEmpty()) {
            throw new IllegalStateException("No class files under " + root + ": nothing would be checked");
        }
        return constants;
    }

    /** The UTF-8 entries of one class file's constant pool (JVMS 4.4). */
    public static Set<String> of(byte[] classFile) {
        Set<String> strings = new LinkedHashSet<>();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile))) {
            if (in.readInt() != 0xCAFEBABE) {
                throw new IllegalArgumentException("Not a class file");
            }
            in.readUnsignedShort(); // minor version
            in.readUnsignedShort(); // major version
            int count = in.readUnsignedShort();
            for (int index = 1; index < count; index++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1 -> strings.add(in.readUTF()); // Utf8: u2 length + modified UTF-8, as readUTF reads it
                    case 3, 4 -> in.skipNBytes(4); // Integer, Float
                    case 5, 6 -> { // Long, Double take two entries
                        in.skipNBytes(8);
                        index++;
                    }
                    case 7, 8, 16, 19, 20 -> in.skipNBytes(2); // Class, String, MethodType, Module, Package
                    case 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4); // refs, NameAndType, (Invoke)Dynamic
                    case 15 -> in.skipNBytes(3); // MethodHandle
                    default -> throw new IllegalArgumentException("Unknown constant pool tag " + tag + " at " + index);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return strings;
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
