package dev.exactlyonce.client.security;

import org.springframework.stereotype.Component;

/**
 * The bank credentials of each configured user. The token is looked up when a call is made, never
 * stored with an operation: a resumed operation uses the user's current token.
 */
@Component
public class ClientUsers {

    private final ClientUsersProperties properties;

    ClientUsers(ClientUsersProperties properties) {
        this.properties = properties;
    }

    /** Whether the user is configured. */
    public boolean exists(String user) {
        return user != null && properties.users().containsKey(user);
    }

    /**
     * Checks that the user is configured.
     *
     * @throws UnknownUserException otherwise
     */
    public void requireKnown(String user) {
        if (!exists(user)) {
            throw new UnknownUserException(user);
        }
    }

    /** The {@code Authorization} header value for the bank, on this user's behalf. */
    public String authorization(String user) {
        ClientUsersProperties.User configured = user == null ? null : properties.users().get(user);
        if (configured == null) {
            throw new UnknownUserException(user);
        }
        return "Bearer " + configured.token();
    }
}
