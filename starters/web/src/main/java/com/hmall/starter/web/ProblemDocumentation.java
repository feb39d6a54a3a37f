package com.hmall.starter.web;

import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.http.ProblemDetail;
import org.springframework.web.method.HandlerMethod;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;

/**
 * The problem-JSON answers of the API document: the {@code Problem} schema, and per endpoint one
 * response per HTTP status naming its codes, with an example body per code built by the same
 * factory the real answers come from ({@link ProblemJsonExceptionHandler#problem}).
 */
final class ProblemDocumentation {

    static final String SCHEMA = "Problem";

    private static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;
    private static final Pattern PATH_VARIABLE = Pattern.compile("\\{[^}]+}");
    private static final String EXAMPLE_ID = "1";

    private ProblemDocumentation() {
    }

    /** The codes an endpoint declares with {@link ProblemResponses} and {@link ProblemExample}. */
    static void addDeclaredProblems(Operation operation, HandlerMethod handler) {
        Map<ErrorCode, String> details = new LinkedHashMap<>();
        ProblemResponses declared = handler.getMethodAnnotation(ProblemResponses.class);
        if (declared != null) {
            Arrays.stream(declared.value()).forEach(code -> details.put(code, exampleDetail(code)));
        }
        for (ProblemExample example : handler.getMethod().getAnnotationsByType(ProblemExample.class)) {
            details.put(example.code(), example.detail());
        }
        Map<Integer, List<ErrorCode>> byStatus = details.keySet().stream()
                .collect(Collectors.groupingBy(code -> code.status().value(), TreeMap::new, Collectors.toList()));
        byStatus.forEach((status, codes) -> addIfAbsent(operation, status, codes, details));
    }

    /**
     * What every endpoint can answer: {@code VALIDATION_FAILED}, and {@code SERVICE_UNAVAILABLE}
     * outside {@code /demo/**} (the chaos knobs stay reachable in an outage). Then the examples get
     * their {@code instance}, this path, and the responses are put in order of status.
     */
    static void addCommonProblems(String path, Operation operation) {
        if (operation.getResponses() == null) {
            return;
        }
        addIfAbsent(operation, 400, List.of(ErrorCode.VALIDATION_FAILED),
                Map.of(ErrorCode.VALIDATION_FAILED, validationDetail(operation)));
        if (!path.startsWith("/demo/")) {
            addIfAbsent(operation, 503, List.of(ErrorCode.SERVICE_UNAVAILABLE),
                    Map.of(ErrorCode.SERVICE_UNAVAILABLE, exampleDetail(ErrorCode.SERVICE_UNAVAILABLE)));
        }
        URI instance = URI.create(PATH_VARIABLE.matcher(path).replaceAll(EXAMPLE_ID));
        operation.getResponses().values().stream()
                .map(ApiResponse::getContent)
                .filter(content -> content != null && content.get(PROBLEM_JSON) != null
                        && content.get(PROBLEM_JSON).getExamples() != null)
                .flatMap(content -> content.get(PROBLEM_JSON).getExamples().values().stream())
                .forEach(example -> {
                    if (example.getValue() instanceof ProblemDetail problem) {
                        problem.setInstance(instance);
                        example.setValue(wireBody(problem));
                    }
                });
        ApiResponses ordered = new ApiResponses();
        new TreeMap<>(operation.getResponses()).forEach(ordered::addApiResponse);
        ordered.setExtensions(operation.getResponses().getExtensions());
        operation.setResponses(ordered);
    }

    static Schema<?> problemSchema() {
        ObjectSchema schema = new ObjectSchema();
        schema.description("RFC 9457 problem details with the contract's error code");
        schema.addProperty("type", new StringSchema().example("about:blank")
                .description("Left out when it is about:blank: the code says what went wrong"));
        schema.addProperty("title", new StringSchema().example("Validation failed"));
        schema.addProperty("status", new IntegerSchema().example(400));
        schema.addProperty("detail", new StringSchema().example("amount: must be greater than or equal to 1"));
        schema.addProperty("instance", new StringSchema().example("/pay-orders"));
        StringSchema code = new StringSchema();
        code.setEnum(Arrays.stream(ErrorCode.values()).map(Enum::name).toList());
        code.description("Stable and upper-case: clients switch on it, never on the wording of detail");
        schema.addProperty("code", code);
        ObjectSchema fieldError = new ObjectSchema();
        fieldError.addProperty("field", new StringSchema().example("amount"));
        fieldError.addProperty("message", new StringSchema().example("must be greater than or equal to 1"));
        schema.addProperty("errors", new ArraySchema().items(fieldError)
                .description("VALIDATION_FAILED of a field or parameter: each one that failed, and why"));
        schema.addProperty("service", new StringSchema().example("notify-service")
                .description("DOWNSTREAM_FAILED only: the service whose call failed"));
        schema.setRequired(List.of("status", "title", "detail", "code"));
        return schema;
    }

    private static void addIfAbsent(Operation operation, int status, List<ErrorCode> codes,
            Map<ErrorCode, String> details) {
        String key = String.valueOf(status);
        if (operation.getResponses() == null || operation.getResponses().containsKey(key)) {
            return;
        }
        MediaType problemJson = new MediaType().schema(new Schema<>().$ref(SCHEMA));
        for (ErrorCode code : codes) {
            problemJson.addExamples(code.name(), new Example().summary(code.name() + ": " + code.title())
                    .value(exampleProblem(code, details.get(code))));
        }
        String description = codes.stream().map(code -> code.name() + ": " + meaning(code))
                .collect(Collectors.joining("; "));
        operation.getResponses().addApiResponse(key, new ApiResponse().description(description)
                .content(new Content().addMediaType(PROBLEM_JSON, problemJson)));
    }

    /** Left as a {@link ProblemDetail} until {@link #addCommonProblems} knows the path. */
    private static ProblemDetail exampleProblem(ErrorCode code, String detail) {
        ProblemDetail problem = ProblemJsonExceptionHandler.problem(code, detail);
        if (code == ErrorCode.DOWNSTREAM_FAILED) {
            // Every DOWNSTREAM_FAILED detail starts with the service it names.
            problem.setProperty("service", detail.split(" ", 2)[0]);
        }
        return problem;
    }

    /** The members a client receives; {@code type} is about:blank and left out, as on the wire. */
    private static Map<String, Object> wireBody(ProblemDetail problem) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        body.put("detail", problem.getDetail());
        body.put("instance", String.valueOf(problem.getInstance()));
        if (problem.getProperties() != null) {
            body.putAll(problem.getProperties());
        }
        return body;
    }

    /** The contract's "when" of each code. */
    private static String meaning(ErrorCode code) {
        return switch (code) {
            case VALIDATION_FAILED -> "malformed JSON, a missing, out-of-range or wrongly typed field or parameter";
            case NOT_FOUND -> "no such resource";
            case METHOD_NOT_ALLOWED -> "the path does not take this HTTP method";
            case NOT_ACCEPTABLE -> "the Accept header names no type the service can answer with";
            case UNSUPPORTED_MEDIA_TYPE -> "the body is not application/json in UTF-8 (a wildcard Content-Type "
                    + "included)";
            case WRONG_PASSWORD -> "the pay password does not match";
            case ORDER_MISMATCH -> "the trade order does not exist, is another user's or is for another amount";
            case INSUFFICIENT_BALANCE -> "the balance is lower than the amount";
            case PAYMENT_LOCKED -> "five wrong pay passwords in a row for this user; lifts after a cool-down "
                    + "(15 min by default)";
            case ALREADY_PAID -> "the pay order is not WAITING";
            case STATE_CONFLICT -> "an illegal state change";
            case INTERNAL_ERROR -> "an unexpected error; the body names no class, SQL or stack";
            case DOWNSTREAM_FAILED -> "sync mode only: a downstream call failed, `service` names it, and the "
                    + "payment was undone";
            case SERVICE_UNAVAILABLE -> "the service is in a simulated outage (PUT /demo/chaos), or one it must ask "
                    + "first is: `service` names that one";
            case HTTP_VERSION_NOT_SUPPORTED -> "the request line names an HTTP version other than 1.0 or 1.1";
        };
    }

    /** A {@code detail} as the code's usual source words it, for endpoints with no {@link ProblemExample}. */
    private static String exampleDetail(ErrorCode code) {
        return switch (code) {
            case VALIDATION_FAILED ->
                "The request body is missing, is not valid JSON, or has a field of the wrong type";
            case NOT_FOUND -> "No such resource";
            case METHOD_NOT_ALLOWED -> "Method 'DELETE' is not supported.";
            case NOT_ACCEPTABLE -> "Acceptable representations: [application/json, application/*+json].";
            case UNSUPPORTED_MEDIA_TYPE -> "Content-Type 'text/plain' is not supported.";
            case WRONG_PASSWORD -> "The pay password of user 1 is wrong";
            case ORDER_MISMATCH -> "Trade order 1 is for 5000 fen, not 1";
            case INSUFFICIENT_BALANCE -> "The balance of user 1 is lower than 10000 fen";
            case PAYMENT_LOCKED -> "Payments of user 1 are locked until 2026-11-24T10:56:42.123Z after too many "
                    + "wrong pay passwords";
            case ALREADY_PAID -> "Pay order 1 is SUCCESS, not WAITING";
            case STATE_CONFLICT -> "The request conflicts with the current state";
            case INTERNAL_ERROR -> "The request could not be completed";
            case DOWNSTREAM_FAILED -> "notify-service answered 503 SERVICE_UNAVAILABLE; the payment did not go "
                    + "through and its deduction was given back";
            case SERVICE_UNAVAILABLE -> "This service is in a simulated outage";
            case HTTP_VERSION_NOT_SUPPORTED -> "The server refused the request before it reached the service";
        };
    }

    /** What a 400 of this endpoint most likely says: about its body, else its first parameter. */
    private static String validationDetail(Operation operation) {
        if (operation.getRequestBody() != null) {
            return exampleDetail(ErrorCode.VALIDATION_FAILED);
        }
        if (operation.getParameters() != null && !operation.getParameters().isEmpty()) {
            return "'" + operation.getParameters().get(0).getName() + "' has an invalid value";
        }
        return "The path must not contain ';'";
    }
}
