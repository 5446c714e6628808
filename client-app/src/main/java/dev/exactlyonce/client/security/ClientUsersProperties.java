package dev.exactlyonce.client.security;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The users of client-app. Outside the {@code local} profile they come from the environment only, e.g.
 * {@code CLIENT_USERS_ALICE_PASSWORD} and {@code CLIENT_USERS_ALICE_TOKEN}.
 *
 * @param users user name to credentials
 */
@ConfigurationProperties("client")
public record ClientUsersProperties(Map<String, User> users) {

    public ClientUsersProperties {
        users = users == null ? Map.of() : Map.copyOf(users);
        users.forEach((name, user) -> {
            if (user == null || user.password() == null || user.password().isBlank()) {
                throw new IllegalArgumentException("client.users." + name + ".password must not be empty");
            }
            if (user.token() == null || user.token().isBlank()) {
                throw new IllegalArgumentException("client.users." + name + ".token must not be empty");
            }
        });
    }

    /**
     * One user.
     *
     * @param password for signing in to client-app: plain text, or an encoded password with its
     *        {@code {id}} prefix such as {@code {bcrypt}...}
     * @param token the bearer token client-app presents to the bank on this user's behalf
     */
    public record User(String password, String token) {

        @Override
        public String toString() {
            return "User[password=***, token=***]";
        }
    }
}
