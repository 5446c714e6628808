package dev.exactlyonce.client.bank;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One of the signed-in user's bank accounts.
 *
 * @param balance in the currency's minor units (cents for EUR)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AccountView(UUID id, String currency, long balance) {
}
