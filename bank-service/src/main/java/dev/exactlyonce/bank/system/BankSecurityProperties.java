package dev.exactlyonce.bank.system;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may call the bank.
 *
 * @param clients client name to its bearer token. Only the local profile ships values; everywhere else
 *        they come from the environment (for example {@code BANK_SECURITY_CLIENTS_ALICE}).
 */
@ConfigurationProperties("bank.security")
record BankSecurityProperties(Map<String, String> clients) {

    BankSecurityProperties {
        clients = clients == null ? Map.of() : Map.copyOf(clients);
        clients.forEach((client, token) -> {
            if (token == null || token.isBlank()) {
                throw new IllegalArgumentException("bank.security.clients." + client + " has an empty token");
            }
        });
    }
}
