package com.hmall.starter.web;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The servlet container's error page, in place of Spring Boot's {@code BasicErrorController}: what
 * fails outside Spring MVC (a filter, the container) is answered as problem JSON too. Asked for
 * directly, {@code /error} has no error to report and is a page that does not exist, not the 500
 * Boot's controller answers. Not an endpoint of the API, so not in its document.
 */
@Hidden
@RestController
class ProblemJsonErrorController implements ErrorController {

    @RequestMapping("${server.error.path:${error.path:/error}}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        int status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer forwarded
                ? forwarded
                : ErrorCode.NOT_FOUND.status().value();
        ErrorCode code = ErrorCode.forStatus(status);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(status),
                code == ErrorCode.NOT_FOUND ? "No such resource" : "The request could not be completed");
        problem.setTitle(code.title());
        problem.setProperty("code", code.name());
        return ResponseEntity.status(status).body(problem);
    }
}
