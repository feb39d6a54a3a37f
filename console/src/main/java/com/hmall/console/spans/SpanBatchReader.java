package com.hmall.console.spans;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import com.hmall.starter.web.ApiException;
import com.hmall.starter.web.ErrorCode;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import zipkin2.Span;
import zipkin2.codec.SpanBytesDecoder;

/**
 * Reads one batch of Zipkin v2 JSON spans, whole or not at all: the body is bounded (before and
 * after gzip), must be well-formed UTF-8, and every span is checked before any is handed on, so a
 * hostile or broken batch changes nothing. Zipkin's own decoder is lenient (it pads short ids,
 * drops a zero duration), so the checks run on the JSON as sent, then the decoder builds the spans.
 */
final class SpanBatchReader {

    static final int MAX_BODY_BYTES = 5 * 1024 * 1024;
    static final int MAX_SPANS = 10_000;
    /** Names, service names and tag keys. */
    static final int MAX_NAME_BYTES = 1024;
    /** Tag values and annotations: an error tag quotes an exception message, which can be long. */
    static final int MAX_VALUE_BYTES = 8 * 1024;
    static final int MAX_TAGS = 128;
    private static final long MAX_DURATION_MICROS = Duration.ofDays(1).toNanos() / 1000;
    private static final long EARLIEST_MICROS = Instant.parse("2000-01-01T00:00:00Z").toEpochMilli() * 1000;
    private static final Duration CLOCK_SKEW = Duration.ofDays(1);

    private static final Pattern TRACE_ID = Pattern.compile("[0-9a-f]{16}|[0-9a-f]{32}");
    private static final Pattern SPAN_ID = Pattern.compile("[0-9a-f]{16}");
    private static final Set<String> KINDS = Set.of("CLIENT", "SERVER", "PRODUCER", "CONSUMER");

    private final JsonMapper jsonMapper;

    SpanBatchReader(JsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    /** The raw JSON bytes (gunzipped) of a request body, bounded. */
    static byte[] readBody(InputStream body, String contentEncoding, long contentLength) throws IOException {
        if (contentLength > MAX_BODY_BYTES) {
            throw tooLarge();
        }
        InputStream in = body;
        if (contentEncoding != null && !contentEncoding.isBlank() && !"identity".equalsIgnoreCase(contentEncoding.trim())) {
            if (!"gzip".equalsIgnoreCase(contentEncoding.trim())) {
                throw new ApiException(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                        "Content-Encoding must be gzip or none, not " + printable(contentEncoding));
            }
            try {
                in = new GZIPInputStream(bounded(body));
            } catch (ZipException | java.io.EOFException notGzip) {
                throw ApiException.validation("The body says it is gzip but is not");
            }
        }
        try {
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                throw tooLarge();
            }
            return bytes;
        } catch (ZipException | java.io.EOFException brokenGzip) {
            throw ApiException.validation("The gzip body is broken");
        }
    }

    /** The compressed body may not be larger than the limit either. */
    private static InputStream bounded(InputStream body) throws IOException {
        byte[] compressed = body.readNBytes(MAX_BODY_BYTES + 1);
        if (compressed.length > MAX_BODY_BYTES) {
            throw tooLarge();
        }
        return new java.io.ByteArrayInputStream(compressed);
    }

    List<Span> read(byte[] body) {
        requireUtf8(body);
        JsonNode root;
        try {
            root = jsonMapper.readTree(body);
        } catch (JacksonException malformed) {
            throw ApiException.validation("The body is not valid JSON");
        }
        if (root == null || !root.isArray()) {
            throw ApiException.validation("The body must be a JSON list of Zipkin v2 spans");
        }
        if (root.size() > MAX_SPANS) {
            throw tooLarge("At most " + MAX_SPANS + " spans per batch");
        }
        long latest = (Instant.now().plus(CLOCK_SKEW).toEpochMilli()) * 1000;
        for (int i = 0; i < root.size(); i++) {
            check(root.get(i), i, latest);
        }
        try {
            return SpanBytesDecoder.JSON_V2.decodeList(ByteBuffer.wrap(body));
        } catch (IllegalArgumentException | IllegalStateException rejected) {
            throw ApiException.validation("The body is not a list of Zipkin v2 spans");
        }
    }

    private static void check(JsonNode span, int index, long latestMicros) {
        String at = "span " + index + ": ";
        if (!span.isObject()) {
            throw ApiException.validation(at + "must be an object");
        }
        requireId(span, "traceId", TRACE_ID, true, at);
        requireId(span, "id", SPAN_ID, true, at);
        requireId(span, "parentId", SPAN_ID, false, at);
        optionalText(span, "name", MAX_NAME_BYTES, at);
        JsonNode kind = span.get("kind");
        if (kind != null && !kind.isNull() && !(kind.isString() && KINDS.contains(kind.asString()))) {
            throw ApiException.validation(at + "kind must be one of " + KINDS);
        }
        JsonNode timestamp = span.get("timestamp");
        if (timestamp == null || !timestamp.isIntegralNumber() || !timestamp.canConvertToLong()
                || timestamp.asLong() < EARLIEST_MICROS || timestamp.asLong() > latestMicros) {
            throw ApiException.validation(at + "timestamp must be epoch microseconds, from 2000 until now");
        }
        JsonNode duration = span.get("duration");
        if (duration != null && !duration.isNull() && (!duration.isIntegralNumber() || !duration.canConvertToLong()
                || duration.asLong() < 0 || duration.asLong() > MAX_DURATION_MICROS)) {
            throw ApiException.validation(at + "duration must be microseconds, from 0 to one day");
        }
        for (String endpoint : List.of("localEndpoint", "remoteEndpoint")) {
            JsonNode node = span.get(endpoint);
            if (node == null || node.isNull()) {
                continue;
            }
            if (!node.isObject()) {
                throw ApiException.validation(at + endpoint + " must be an object");
            }
            optionalText(node, "serviceName", MAX_NAME_BYTES, at + endpoint + ".");
            optionalText(node, "ipv4", 64, at + endpoint + ".");
            optionalText(node, "ipv6", 64, at + endpoint + ".");
            JsonNode port = node.get("port");
            if (port != null && !port.isNull() && (!port.isIntegralNumber() || port.asLong() < 0 || port.asLong() > 65535)) {
                throw ApiException.validation(at + endpoint + ".port must be 0 to 65535");
            }
        }
        JsonNode tags = span.get("tags");
        if (tags != null && !tags.isNull()) {
            if (!tags.isObject() || tags.size() > MAX_TAGS) {
                throw ApiException.validation(at + "tags must be an object of at most " + MAX_TAGS + " strings");
            }
            for (Map.Entry<String, JsonNode> tag : tags.properties()) {
                if (utf8Length(tag.getKey()) > MAX_NAME_BYTES || tag.getKey().isEmpty()) {
                    throw ApiException.validation(at + "a tag key is empty or longer than " + MAX_NAME_BYTES + " bytes");
                }
                if (!tag.getValue().isString() || utf8Length(tag.getValue().asString()) > MAX_VALUE_BYTES) {
                    throw ApiException.validation(at + "tag values must be strings of at most " + MAX_VALUE_BYTES + " bytes");
                }
            }
        }
        JsonNode annotations = span.get("annotations");
        if (annotations != null && !annotations.isNull()) {
            if (!annotations.isArray() || annotations.size() > MAX_TAGS) {
                throw ApiException.validation(at + "annotations must be a list of at most " + MAX_TAGS);
            }
            for (JsonNode annotation : annotations) {
                if (!annotation.isObject() || !annotation.path("timestamp").isIntegralNumber()
                        || !annotation.path("value").isString()
                        || utf8Length(annotation.path("value").asString()) > MAX_VALUE_BYTES) {
                    throw ApiException.validation(at + "an annotation needs a timestamp and a short value");
                }
            }
        }
        for (String flag : List.of("debug", "shared")) {
            JsonNode node = span.get(flag);
            if (node != null && !node.isNull() && !node.isBoolean()) {
                throw ApiException.validation(at + flag + " must be true or false");
            }
        }
    }

    private static void requireId(JsonNode span, String field, Pattern shape, boolean required, String at) {
        JsonNode id = span.get(field);
        if (id == null || id.isNull()) {
            if (required) {
                throw ApiException.validation(at + field + " is missing");
            }
            return;
        }
        if (!id.isString() || !shape.matcher(id.asString()).matches() || id.asString().chars().allMatch(c -> c == '0')) {
            throw ApiException.validation(at + field + " must be lower-case hex of the right length, not all zeros");
        }
    }

    private static void optionalText(JsonNode node, String field, int maxBytes, String at) {
        JsonNode value = node.get(field);
        if (value != null && !value.isNull() && (!value.isString() || utf8Length(value.asString()) > maxBytes)) {
            throw ApiException.validation(at + field + " must be a string of at most " + maxBytes + " bytes");
        }
    }

    private static void requireUtf8(byte[] body) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body));
        } catch (CharacterCodingException malformed) {
            throw ApiException.validation("The body is not well-formed UTF-8");
        }
    }

    private static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static String printable(String header) {
        String cut = header.length() > 32 ? header.substring(0, 32) : header;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }

    private static ErrorResponseException tooLarge() {
        return tooLarge("A span batch may be at most " + (MAX_BODY_BYTES / (1024 * 1024)) + " MiB, unpacked");
    }

    /** 413 with a code of its own: the contract's codes have none for it, and 400 would mislead. */
    private static ErrorResponseException tooLarge(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, detail);
        problem.setTitle("Content too large");
        problem.setProperty("code", "PAYLOAD_TOO_LARGE");
        return new ErrorResponseException(HttpStatus.CONTENT_TOO_LARGE, problem, null);
    }
}
