package com.hmall.starter.web;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Everything about a request that can be refused before the endpoint runs is refused before it
 * runs, so that an error answer always means nothing happened. Spring MVC would otherwise decide
 * some of it only afterwards: an {@code Accept} the answer cannot meet is found out when the answer
 * is written, after the payment went through; a malformed query string when the parameter is read;
 * a wildcard {@code Content-Type} when the body is.
 *
 * <ul>
 *   <li>a path parameter ({@code /users/1;drop}): Tomcat cuts it off before routing, so the path
 *       would be served half-read; no endpoint takes one (400);</li>
 *   <li>a query string that does not decode ({@code %ff}, {@code %zz}, a parameter without a name)
 *       (400);</li>
 *   <li>a {@code Content-Type} that is a wildcard ({@code *}{@code /*}, {@code application/*}) or not
 *       a media type at all (415), or a body that says it is in a charset other than UTF-8 (415):
 *       JSON between systems is UTF-8, and a body read by its handler itself (the console's span
 *       collector) is held to that as much as one bound with {@code @RequestBody};</li>
 *   <li>an {@code Accept} that JSON does not meet, or that is not a media type list (406). Endpoints
 *       that declare what they produce are checked by Spring MVC itself, before they run.</li>
 * </ul>
 */
final class RequestGuard implements HandlerInterceptor {

    /** What this API's endpoints answer: JSON, and problem JSON (a {@code +json} type) for errors. */
    private static final List<MediaType> PRODUCED = List.of(MediaType.APPLICATION_JSON,
            MediaType.valueOf("application/*+json"));

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws HttpMediaTypeNotSupportedException, HttpMediaTypeNotAcceptableException {
        if (request.getRequestURI().indexOf(';') >= 0) {
            throw ApiException.validation("The path must not contain ';'");
        }
        requireDecodableQuery(request);
        requireConcreteContentType(request);
        if (handler instanceof HandlerMethod
                && request.getAttribute(HandlerMapping.PRODUCIBLE_MEDIA_TYPES_ATTRIBUTE) == null) {
            requireJsonAcceptable(request);
        }
        return true;
    }

    private static void requireDecodableQuery(HttpServletRequest request) {
        try {
            request.getParameterMap();
        } catch (IllegalStateException | IllegalArgumentException undecodable) {
            // Tomcat's InvalidParameterException quotes the bad input: it stays in the log.
            throw ApiException.validation("The query string is not valid: every parameter needs a name, and %"
                    + " must start a valid UTF-8 percent-encoding");
        }
    }

    private static void requireConcreteContentType(HttpServletRequest request) throws HttpMediaTypeNotSupportedException {
        String contentType = request.getContentType();
        if (contentType == null) {
            return;
        }
        MediaType type;
        try {
            type = MediaType.parseMediaType(contentType);
        } catch (InvalidMediaTypeException notAType) {
            throw new HttpMediaTypeNotSupportedException("Content-Type is not a media type; send application/json");
        }
        if (type.isWildcardType() || type.isWildcardSubtype()) {
            throw new HttpMediaTypeNotSupportedException(
                    "Content-Type must name the body's type, not a wildcard; send application/json");
        }
        // An unknown charset is refused above: MediaType does not parse it.
        Charset charset = type.getCharset();
        if (charset != null && !charset.equals(StandardCharsets.UTF_8) && hasBody(request)) {
            throw new ApiException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "JSON bodies must be UTF-8, not " + charset.name());
        }
    }

    private static boolean hasBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
    }

    private static void requireJsonAcceptable(HttpServletRequest request) throws HttpMediaTypeNotAcceptableException {
        List<String> accept = Collections.list(request.getHeaders(HttpHeaders.ACCEPT));
        if (accept.isEmpty()) {
            return;
        }
        List<MediaType> acceptable;
        try {
            acceptable = MediaType.parseMediaTypes(accept);
        } catch (InvalidMediaTypeException notATypeList) {
            throw new HttpMediaTypeNotAcceptableException("Accept is not a list of media types");
        }
        boolean json = acceptable.stream().anyMatch(type -> PRODUCED.stream().anyMatch(type::isCompatibleWith));
        if (!json && !acceptable.isEmpty()) {
            throw new HttpMediaTypeNotAcceptableException(PRODUCED);
        }
    }
}
