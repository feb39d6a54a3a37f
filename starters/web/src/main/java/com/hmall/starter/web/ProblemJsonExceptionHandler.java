package com.hmall.starter.web;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import lombok.extern.slf4j.Slf4j;

/**
 * Every error leaves a service as RFC 9457 problem JSON with a stable {@code code}. Spring MVC's
 * own errors (unreadable JSON, a wrong method, an unknown path) go through
 * {@link ResponseEntityExceptionHandler} and only get their code added here; anything unexpected
 * is logged and answered with a generic 500 that names no class, no SQL and no stack.
 */
@Slf4j
@RestControllerAdvice
public class ProblemJsonExceptionHandler extends ResponseEntityExceptionHandler {

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> handleApiException(ApiException ex) {
        ProblemDetail problem = problem(ex.getCode(), ex.getMessage());
        ex.getProperties().forEach(problem::setProperty);
        return answer(problem);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> handleTypeMismatch(MethodArgumentTypeMismatchException ex) {
        String detail = "'" + ex.getName() + "' has an invalid value";
        return answer(problem(ErrorCode.VALIDATION_FAILED, detail));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> handleUnexpected(Exception ex) {
        log.error("Unexpected error", ex);
        return answer(problem(ErrorCode.INTERNAL_ERROR, "The request could not be completed"));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(ProblemJsonExceptionHandler::describe)
                .toList();
        ProblemDetail problem = problem(ErrorCode.VALIDATION_FAILED, joinMessages(errors));
        problem.setProperty("errors", errors);
        return answer(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = ex.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> Map.of(
                                "field", String.valueOf(result.getMethodParameter().getParameterName()),
                                "message", String.valueOf(error.getDefaultMessage()))))
                .toList();
        ProblemDetail problem = problem(ErrorCode.VALIDATION_FAILED, joinMessages(errors));
        problem.setProperty("errors", errors);
        return answer(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        // The parser's own message quotes class names and input: keep it in the log only.
        log.debug("Unreadable request body", ex);
        return answer(problem(ErrorCode.VALIDATION_FAILED,
                "The request body is missing, is not valid JSON, or has a field of the wrong type"));
    }

    /** Adds the contract code to the problems Spring MVC builds for its own exceptions. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(@Nullable Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        if (body instanceof ProblemDetail problem
                && (problem.getProperties() == null || !problem.getProperties().containsKey("code"))) {
            ErrorCode code = ErrorCode.forStatus(statusCode.value());
            problem.setTitle(code.title());
            problem.setProperty("code", code.name());
        }
        HttpHeaders problemHeaders = new HttpHeaders();
        problemHeaders.putAll(headers);
        problemHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return super.createResponseEntity(body, problemHeaders, statusCode, request);
    }

    /**
     * Problem JSON whatever the request's {@code Accept} says: an Accept the service cannot meet, or
     * cannot even read, is itself answered this way (406), and the client learns why.
     */
    @SuppressWarnings("unchecked")
    private static <T> ResponseEntity<T> answer(ProblemDetail problem) {
        return (ResponseEntity<T>) ResponseEntity.status(problem.getStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    static ProblemDetail problem(ErrorCode code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(code.status(), detail);
        problem.setTitle(code.title());
        problem.setProperty("code", code.name());
        return problem;
    }

    private static Map<String, String> describe(FieldError error) {
        return Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage()));
    }

    private static String joinMessages(List<Map<String, String>> errors) {
        if (errors.isEmpty()) {
            return "The request is invalid";
        }
        return String.join("; ", errors.stream().map(e -> e.get("field") + ": " + e.get("message")).toList());
    }
}
