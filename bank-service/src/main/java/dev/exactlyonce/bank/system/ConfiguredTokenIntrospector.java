package dev.exactlyonce.bank.system;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DefaultOAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;

/**
 * Resolves opaque bearer tokens against the configured customers ({@code ROLE_CLIENT}) and operators
 * ({@code ROLE_OPERATOR}). Only SHA-256 digests of the tokens are held, and lookups compare digests,
 * so the time a lookup takes says nothing about a token.
 */
final class ConfiguredTokenIntrospector implements OpaqueTokenIntrospector {

    static final String CLIENT = "CLIENT";

    static final String OPERATOR = "OPERATOR";

    private final Map<String, Caller> callerByTokenDigest = new HashMap<>();

    ConfiguredTokenIntrospector(BankSecurityProperties properties) {
        // BankSecurityProperties guarantees every token is configured once, so nothing here overwrites.
        properties.clients().forEach((client, token) -> callerByTokenDigest.put(digest(token), new Caller(client, CLIENT)));
        properties.operators().forEach((operator, token) ->
                callerByTokenDigest.put(digest(token), new Caller(operator, OPERATOR)));
    }

    @Override
    public OAuth2AuthenticatedPrincipal introspect(String token) {
        Caller caller = callerByTokenDigest.get(digest(token));
        if (caller == null) {
            throw new BadOpaqueTokenException("Unknown bearer token");
        }
        return new DefaultOAuth2AuthenticatedPrincipal(caller.name(), Map.of("sub", caller.name()), caller.authorities());
    }

    private static String digest(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("Every Java runtime has SHA-256", ex);
        }
    }

    private record Caller(String name, String role) {

        List<GrantedAuthority> authorities() {
            return List.of(new SimpleGrantedAuthority("ROLE_" + role));
        }
    }
}
