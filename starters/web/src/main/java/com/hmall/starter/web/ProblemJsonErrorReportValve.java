package com.hmall.starter.web;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

/**
 * Tomcat refuses some requests before any Spring code runs: an encoded slash or NUL in the path
 * ({@code /users/..%2F..%2Fetc}), a path that climbs above the root, a request line longer than its
 * buffer. Its own error report for them is an HTML page; this one is problem JSON with the contract
 * code, naming nothing of the server. Errors inside the application never get here: Spring answers
 * them itself.
 */
public class ProblemJsonErrorReportValve extends ErrorReportValve {

    /** Replaces the host's error report valve, Tomcat's or the one Spring Boot configured, with this one. */
    static void installOn(Container host) {
        for (Valve valve : host.getPipeline().getValves()) {
            if (valve instanceof ErrorReportValve) {
                host.getPipeline().removeValve(valve);
            }
        }
        host.getPipeline().addValve(new ProblemJsonErrorReportValve());
        if (host instanceof StandardHost standardHost) {
            // Otherwise the host adds its default valve again when it starts.
            standardHost.setErrorReportValveClass(ProblemJsonErrorReportValve.class.getName());
        }
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        ErrorCode code = ErrorCode.forStatus(status);
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(problem(status, code));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The client is gone or the response is already on its way: nothing more can be said.
        }
    }

    /** Built by hand from constants: no request data, no escaping needed. */
    private static String problem(int status, ErrorCode code) {
        return "{\"type\":\"about:blank\",\"title\":\"" + code.title() + "\",\"status\":" + status
                + ",\"detail\":\"The server refused the request before it reached the service\",\"code\":\""
                + code.name() + "\"}";
    }
}
