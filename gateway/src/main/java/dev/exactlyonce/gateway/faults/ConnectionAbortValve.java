package dev.exactlyonce.gateway.faults;

import java.io.IOException;

import jakarta.servlet.ServletException;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;

/**
 * Closes the caller's connection without a byte of reply when a request was marked for it. The servlet
 * API can only send replies, so the cut is made one level down, in Tomcat: {@code CLOSE_NOW} stops any
 * further output and closes the socket, which the caller sees as a reply that never came.
 */
final class ConnectionAbortValve extends ValveBase {

    /** Request attribute that asks for the connection to be cut after the request. */
    static final String ABORT_ATTRIBUTE = ConnectionAbortValve.class.getName() + ".abort";

    ConnectionAbortValve() {
        super(true);
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        getNext().invoke(request, response);
        if (Boolean.TRUE.equals(request.getAttribute(ABORT_ATTRIBUTE))) {
            response.getCoyoteResponse().action(ActionCode.CLOSE_NOW, null);
        }
    }
}
