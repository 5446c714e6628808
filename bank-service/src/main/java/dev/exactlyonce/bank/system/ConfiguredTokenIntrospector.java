package dev.exactlyonce.bank.system;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DefaultOAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;

/**
 * Resolves opaque bearer tokens against the configured clients. Only SHA-256 digests of the tokens
 * are held, and lookups compare digests, so the time a lookup takes says nothing about a token.
 */
final class ConfiguredTokenIntrospector implements OpaqueTokenIntrospector {

    private final Map<String, String> clientByTokenDigest = new HashMap<>();

    ConfiguredTokenIntrospector(BankSecurityProperties properties) {
        properties.clients().forEach((client, token) -> clientByTokenDigest.put(digest(token), client));
    }

    @Override
    public OAuth2AuthenticatedPrincipal introspect(String token) {
        String client = clientByTokenDigest.get(digest(token));
        if (client == null) {
            throw new BadOpaqueTokenException("Unknown bearer token");
        }
        return new DefaultOAuth2AuthenticatedPrincipal(client, Map.of("sub", client),
                List.of(new SimpleGrantedAuthority("ROLE_CLIENT")));
    }

    private static String digest(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("Every Java runtime has SHA-256", ex);
        }
    }
}
