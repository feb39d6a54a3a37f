package com.hmall.e2e.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * One row of the hostile-input catalogue ({@code hostile-inputs.tsv}): a request and the answer it
 * must get. {@code contentType}, {@code accept}, {@code body} and {@code code} are null where the file
 * says {@code -}.
 */
public record HostileInput(
        String id,
        String endpoint,
        String service,
        String method,
        String path,
        @Nullable String contentType,
        @Nullable String accept,
        @Nullable String body,
        int status,
        @Nullable String code,
        String category,
        String tries) {

    public static final String RESOURCE = "/hostile-inputs.tsv";

    static final List<String> COLUMNS = List.of("id", "endpoint", "service", "method", "path", "content_type",
            "accept", "body", "status", "code", "category", "tries");

    /** {@code {name}}, {@code {repeat:X:N}} or {@code {bytes:HEX}}; JSON's own braces never look like this. */
    private static final Pattern PLACEHOLDER =
            Pattern.compile("\\{(?:repeat:([^:}]+):(\\d+)|bytes:([0-9a-f]+)|([A-Za-z]+))}");

    /** Every row of the catalogue, in file order. */
    public static List<HostileInput> catalogue() {
        try (InputStream in = HostileInput.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the test class path");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + RESOURCE, e);
        }
    }

    static List<HostileInput> parse(String text) {
        List<HostileInput> rows = new ArrayList<>();
        boolean headerSeen = false;
        int lineNumber = 0;
        for (String line : text.split("\n", -1)) {
            lineNumber++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            List<String> cells = List.of(line.split("\t", -1));
            if (!headerSeen) {
                if (!cells.equals(COLUMNS)) {
                    throw new IllegalStateException(RESOURCE + ": the header must be " + String.join(" ", COLUMNS));
                }
                headerSeen = true;
                continue;
            }
            if (cells.size() != COLUMNS.size()) {
                throw new IllegalStateException(RESOURCE + " line " + lineNumber + ": " + cells.size()
                        + " cells, not " + COLUMNS.size());
            }
            rows.add(new HostileInput(cells.get(0), cells.get(1), cells.get(2), cells.get(3), cells.get(4),
                    orNull(cells.get(5)), orNull(cells.get(6)), orNull(cells.get(7)), Integer.parseInt(cells.get(8)),
                    orNull(cells.get(9)), cells.get(10), cells.get(11)));
        }
        return rows;
    }

    public boolean expectsProblem() {
        return code != null;
    }

    /**
     * The names of the placeholders this row uses, {@code repeat} for {@code {repeat:X:N}} and
     * {@code bytes} for {@code {bytes:HEX}}.
     */
    public List<String> placeholders() {
        List<String> names = new ArrayList<>();
        for (String text : new String[] {path, body}) {
            if (text != null) {
                Matcher matcher = PLACEHOLDER.matcher(text);
                while (matcher.find()) {
                    names.add(matcher.group(4) != null ? matcher.group(4) : matcher.group(3) != null ? "bytes" : "repeat");
                }
            }
        }
        return names;
    }

    /** Fills in the placeholders of a path; a name missing from {@code values} is a mistake in the catalogue. */
    public static @Nullable String fill(@Nullable String text, Map<String, String> values) {
        byte[] filled = fillBytes(text, values);
        return filled == null ? null : new String(filled, StandardCharsets.UTF_8);
    }

    /** Fills in the placeholders of a body: UTF-8, but for the raw bytes of {@code {bytes:HEX}}. */
    public static byte @Nullable [] fillBytes(@Nullable String text, Map<String, String> values) {
        if (text == null) {
            return null;
        }
        Matcher matcher = PLACEHOLDER.matcher(text);
        ByteArrayOutputStream filled = new ByteArrayOutputStream();
        int last = 0;
        while (matcher.find()) {
            filled.writeBytes(text.substring(last, matcher.start()).getBytes(StandardCharsets.UTF_8));
            if (matcher.group(1) != null) {
                filled.writeBytes(matcher.group(1).repeat(Integer.parseInt(matcher.group(2)))
                        .getBytes(StandardCharsets.UTF_8));
            } else if (matcher.group(3) != null) {
                filled.writeBytes(HexFormat.of().parseHex(matcher.group(3)));
            } else {
                String value = values.get(matcher.group(4));
                if (value == null) {
                    throw new IllegalArgumentException("Unknown placeholder {" + matcher.group(4) + "} in " + text);
                }
                filled.writeBytes(value.getBytes(StandardCharsets.UTF_8));
            }
            last = matcher.end();
        }
        filled.writeBytes(text.substring(last).getBytes(StandardCharsets.UTF_8));
        return filled.toByteArray();
    }

    private static @Nullable String orNull(String cell) {
        return "-".equals(cell) ? null : cell;
    }

    /** What JUnit shows for a parameterized run: the row's id. */
    @Override
    public String toString() {
        return id;
    }
}
