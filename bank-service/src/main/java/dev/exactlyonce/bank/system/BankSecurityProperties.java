package dev.exactlyonce.bank.system;

import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may call the bank. Customers ({@code clients}) open accounts and move money; operators set
 * overdraft limits and can do nothing else. Only the local profile ships values; everywhere else they
 * come from the environment (for example {@code BANK_SECURITY_CLIENTS_ALICE},
 * {@code BANK_SECURITY_OPERATORS_OPS}).
 *
 * <p>A token identifies exactly one caller in exactly one role, and a name is a customer or an
 * operator, never both: the name scopes Idempotency-Keys and owns accounts, so sharing one would mix
 * two callers' records. The application refuses to start otherwise.
 *
 * @param clients customer name to its bearer token
 * @param operators operator name to its bearer token
 */
@ConfigurationProperties("bank.security")
record BankSecurityProperties(Map<String, String> clients, Map<String, String> operators) {

    BankSecurityProperties {
        clients = clients == null ? Map.of() : Map.copyOf(clients);
        operators = operators == null ? Map.of() : Map.copyOf(operators);
        Map<String, String> holderByToken = new HashMap<>();
        requireDistinct("clients", clients, holderByToken);
        requireDistinct("operators", operators, holderByToken);
        for (String name : operators.keySet()) {
            if (clients.containsKey(name)) {
                throw new IllegalArgumentException("'" + name + "' is configured both in bank.security.clients and in "
                        + "bank.security.operators; a name may be a customer or an operator, not both");
            }
        }
    }

    private static void requireDistinct(String role, Map<String, String> tokens, Map<String, String> holderByToken) {
        tokens.forEach((name, token) -> {
            String property = "bank.security." + role + "." + name;
            if (token == null || token.isBlank()) {
                throw new IllegalArgumentException(property + " has an empty token");
            }
            String earlier = holderByToken.putIfAbsent(token, property);
            if (earlier != null) {
                throw new IllegalArgumentException(property + " has the same token as " + earlier
                        + "; every client and operator needs a token of its own");
            }
        });
    }
}
