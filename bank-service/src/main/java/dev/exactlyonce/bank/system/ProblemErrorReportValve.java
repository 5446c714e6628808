package dev.exactlyonce.bank.system;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/**
 * Tomcat's own error page, for the requests Tomcat refuses before any filter or servlet sees them (an
 * encoded slash or NUL in the path, a malformed request line): a problem, as everywhere else, instead of
 * Tomcat's HTML page. Errors inside the application never get here; they are problems already.
 * Public with a no-argument constructor because Tomcat creates its host's error valve by class name.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        if (status == 501) {
            // Tomcat's answer to a method it does not implement (CONNECT): bad input, so 405, never 5xx.
            status = 405;
            response.setStatus(status);
            response.setHeader("Allow", "GET, POST");
        }
        ProblemDetail problem = Problems.forStatus(status, null);
        try {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                // Fixed texts only, nothing from the request: no escaping needed beyond what they contain.
                writer.write("{\"type\":\"" + problem.getType() + "\",\"title\":\"" + problem.getTitle()
                        + "\",\"status\":" + status + ",\"detail\":\"" + problem.getDetail() + "\"}");
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException ex) {
            // The client is gone or the response was taken over; there is nobody left to tell.
        }
    }

    /** Installs the valve as the host's error report valve. */
    @Component
    static class Installer implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            factory.addContextCustomizers(context -> {
                if (context.getParent() instanceof StandardHost host) {
                    host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
                }
            });
        }
    }
}
