package dev.exactlyonce.requestid;

import java.util.UUID;

/**
 * The request id that follows one call through the gateway, bank-service and the logs. Both services
 * apply this one rule, so an id the gateway keeps is never replaced by the bank, and the log lines of
 * one call share one id.
 */
public final class RequestIds {

    /** The HTTP header that carries it, both ways. */
    public static final String HEADER = "X-Request-Id";

    /** The MDC key under which log lines carry it. */
    public static final String MDC_KEY = "requestId";

    static final int MAX_LENGTH = 128;

    private RequestIds() {
    }

    /**
     * The caller's id when it is 1 to 128 characters of letters, digits and {@code -_.:}; otherwise a
     * new one. An id is for reading logs, so one that could forge log lines or headers is replaced, not
     * refused.
     */
    public static String acceptOrMint(String offered) {
        return isAcceptable(offered) ? offered : UUID.randomUUID().toString();
    }

    static boolean isAcceptable(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == ':';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }
}
