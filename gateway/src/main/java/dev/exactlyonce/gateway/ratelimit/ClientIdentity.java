package dev.exactlyonce.gateway.ratelimit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.function.ServerRequest;

/**
 * Who a call counts against: the bearer token when there is one, else the caller's address. Only a
 * SHA-256 digest of the token is kept in Redis, never the token itself. The gateway does not check the
 * token (bank-service does), so an invented token gets a budget of its own; the address-based limit of
 * the network in front is what bounds that.
 */
final class ClientIdentity {

    private ClientIdentity() {
    }

    static String of(ServerRequest request) {
        String authorization = request.headers().firstHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = authorization.substring(7).trim();
            if (!token.isEmpty()) {
                return "token:" + digest(token);
            }
        }
        return "address:" + request.servletRequest().getRemoteAddr();
    }

    private static String digest(String token) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("Every Java runtime has SHA-256", ex);
        }
    }
}
