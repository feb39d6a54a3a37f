package com.hmall.console.spans;

import java.io.IOException;
import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.hmall.starter.web.ErrorCode;
import com.hmall.starter.web.ProblemResponses;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.json.JsonMapper;
import zipkin2.Span;

/**
 * Zipkin's collector endpoint, as every service's Micrometer Tracing reporter calls it: a JSON
 * list of v2 spans, {@code Content-Type: application/json}, gzipped ({@code Content-Encoding:
 * gzip}) when the batch is above 1 KiB (Spring Boot's {@code HttpSender}). The body is read here
 * rather than through {@code @RequestBody}, because it must be unpacked and bounded before it is
 * read as UTF-8 JSON.
 */
@Tag(name = "spans", description = "Where every service sends its spans (Zipkin v2 JSON)")
@RestController
class SpanCollectorController {

    private final SpanBatchReader reader;
    private final SpanStore store;
    private final ZipkinForwarder forwarder;

    SpanCollectorController(JsonMapper jsonMapper, SpanStore store, ZipkinForwarder forwarder) {
        this.reader = new SpanBatchReader(jsonMapper);
        this.store = store;
        this.forwarder = forwarder;
    }

    @Operation(summary = "Take a batch of Zipkin v2 spans",
            description = "The whole batch is checked before any of it is stored: at most 5 MiB (unpacked) and "
                    + "10,000 spans; ids in hex, timestamps in epoch microseconds, names and tag keys up to 1 KiB, "
                    + "tag values up to 8 KiB, UTF-8. 413 PAYLOAD_TOO_LARGE above the limits.")
    @ProblemResponses({ ErrorCode.UNSUPPORTED_MEDIA_TYPE })
    @ApiResponse(responseCode = "413", description = "PAYLOAD_TOO_LARGE: above 5 MiB unpacked, or above 10,000 spans",
            content = @Content(mediaType = "application/problem+json"))
    @PostMapping(path = "/api/v2/spans", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    void collect(HttpServletRequest request) throws IOException {
        byte[] body = SpanBatchReader.readBody(request.getInputStream(), request.getHeader(HttpHeaders.CONTENT_ENCODING),
                request.getContentLengthLong());
        List<Span> spans = reader.read(body);
        store.addAll(spans);
        forwarder.forward(body);
    }
}
