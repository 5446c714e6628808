package dev.exactlyonce.client.dashboard;

import java.util.Locale;

/**
 * Why an attempt got no reply, in plain words. The only evidence is the HTTP client's error message (its
 * root cause and exception name), so this is the one place that reads such text.
 */
public final class ConnectionProblems {

    private ConnectionProblems() {
    }

    /** "Connection reset (SocketException)" → "the connection was cut before the reply". */
    public static String describe(String error) {
        String text = error == null ? "" : error.toLowerCase(Locale.ROOT);
        if (text.contains("timed out") || text.contains("timeout")) {
            return "the reply did not come in time";
        }
        if (text.contains("refused")) {
            return "could not connect";
        }
        if (text.contains("reset") || text.contains("closed") || text.contains("eof") || text.contains("end of stream")
                || text.contains("no response") || text.contains("nohttpresponse") || text.contains("no bytes")
                || text.contains("broken pipe") || text.contains("failed to respond")) {
            return "the connection was cut before the reply";
        }
        return "the reply was lost";
    }
}
