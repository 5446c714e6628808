package dev.exactlyonce.gateway.ratelimit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.function.ServerRequest;

/**
 * Whose buckets a call takes its tokens from. Only a SHA-256 digest of a bearer token is kept in Redis,
 * never the token itself.
 */
final class ClientIdentity {

    private ClientIdentity() {
    }

    /** The client: its bearer token's digest, or its address when it sends no token. */
    static String client(ServerRequest request) {
        String authorization = request.headers().firstHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = authorization.substring(7).trim();
            if (!token.isEmpty()) {
                return "token:" + digest(token);
            }
        }
        return "anonymous:" + address(request);
    }

    /**
     * The caller's address as the servlet container sees it: the connection's peer, or the address a trusted
     * proxy forwarded when {@code server.forward-headers-strategy} is {@code native} (Tomcat trusts
     * {@code server.tomcat.remoteip.internal-proxies} only) or {@code framework}.
     */
    static String address(ServerRequest request) {
        return request.servletRequest().getRemoteAddr();
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
