package com.hmall.e2e.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Requests sent exactly as a test wrote them. Java's HTTP client where it can; HTTP/1.1 written by
 * hand for what no HTTP client will send: a path that is not a valid URI ({@code %zz}) goes over the
 * wire as the bytes it is, and one answer is read back, of a fixed length or chunked.
 */
public final class RawHttp {

    private static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newBuilder()
            .connectTimeout(java.time.Duration.ofSeconds(2)).build();

    private RawHttp() {
    }

    public static Answer send(String baseUrl, String method, String path, String contentType, String accept,
            byte[] body) {
        URI base = URI.create(baseUrl);
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            StringBuilder head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                    .append("Host: ").append(base.getHost()).append(':').append(base.getPort()).append("\r\n")
                    .append("Connection: close\r\n");
            if (contentType != null) {
                head.append("Content-Type: ").append(contentType).append("\r\n");
            }
            if (accept != null) {
                head.append("Accept: ").append(accept).append("\r\n");
            }
            head.append("Content-Length: ").append(body == null ? 0 : body.length).append("\r\n\r\n");
            socket.getOutputStream().write(head.toString().getBytes(StandardCharsets.UTF_8));
            if (body != null) {
                socket.getOutputStream().write(body);
            }
            return read(socket.getInputStream());
        } catch (IOException e) {
            throw new IllegalStateException("No answer to " + method + " " + path + ": " + e, e);
        }
    }

    private static Answer read(InputStream in) throws IOException {
        byte[] all = in.readAllBytes();
        String text = new String(all, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        String contentType = "";
        boolean chunked = false;
        for (String line : lines) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-type:")) {
                contentType = line.substring("content-type:".length()).trim();
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        byte[] body = java.util.Arrays.copyOfRange(all, end + 4, all.length);
        return new Answer(status, contentType,
                new String(chunked ? unchunk(body) : body, StandardCharsets.UTF_8));
    }

    /** Sends with Java's HTTP client, or as raw bytes when the path is not a valid URI. */
    public static Answer exchange(String baseUrl, String method, String path, String contentType, String accept,
            byte[] body) {
        java.net.URI uri;
        try {
            uri = java.net.URI.create(baseUrl + path);
        } catch (IllegalArgumentException notAUri) {
            return send(baseUrl, method, path, contentType, accept, body);
        }
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(uri)
                .timeout(java.time.Duration.ofSeconds(30))
                .method(method, body == null
                        ? java.net.http.HttpRequest.BodyPublishers.noBody()
                        : java.net.http.HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (accept != null) {
            request.header("Accept", accept);
        }
        try {
            java.net.http.HttpResponse<String> response = HTTP.send(request.build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (IOException e) {
            throw new IllegalStateException("No answer to " + method + " " + path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An answer, its body kept as text: it need not be JSON. */
    public record Answer(int status, String contentType, String body) {

        @Override
        public String toString() {
            String shown = body.length() > 300 ? body.substring(0, 300) + "..." : body;
            return status + " " + contentType + " " + shown;
        }
    }

    private static byte[] unchunk(byte[] chunked) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String text = new String(chunked, StandardCharsets.ISO_8859_1);
        int at = 0;
        while (at < text.length()) {
            int lineEnd = text.indexOf("\r\n", at);
            int size = Integer.parseInt(text.substring(at, lineEnd).split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            body.write(chunked, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
        return body.toByteArray();
    }
}
