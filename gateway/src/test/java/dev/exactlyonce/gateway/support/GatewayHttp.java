package dev.exactlyonce.gateway.support;

import java.util.UUID;

import dev.exactlyonce.bank.BankHttp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * bank-service's API client ({@link BankHttp}) pointed at the gateway, which serves the same API, with the set-up
 * the gateway's tests share. Of the bank's local clients, no test in the shared real-bank context uses
 * {@link #BOB}, so a test in the stub context (5 calls a minute) that forwards to the real bank has its whole budget.
 */
public final class GatewayHttp extends BankHttp {

    /** The body that opens a EUR account. */
    public static final String EUR_ACCOUNT = "{\"currency\":\"EUR\"}";

    public GatewayHttp(int port) {
        super(port);
    }

    /**
     * Opens a EUR account for the token's client, credited with {@code balance} minor units. Opening
     * needs an Idempotency-Key like every creating POST; this one is minted for this one opening.
     */
    public UUID euroAccount(String token, long balance) {
        Reply opened = post(token, "/api/v1/accounts", "gateway-open-" + UUID.randomUUID(), EUR_ACCOUNT);
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        UUID id = UUID.fromString(opened.json().get("id").asString());
        if (balance > 0) {
            Reply credited = post(token, "/api/v1/accounts/" + id + "/credits", UUID.randomUUID().toString(),
                    "{\"amount\":" + balance + ",\"currency\":\"EUR\"}");
            assertThat(credited.status()).as(credited.body()).isEqualTo(201);
        }
        return id;
    }

    public long balance(String token, UUID account) {
        Reply reply = get(token, "/api/v1/accounts/" + account);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().get("balance").asLong();
    }

    public static String debit(long amount) {
        return "{\"amount\":" + amount + ",\"currency\":\"EUR\",\"description\":\"gateway test\"}";
    }
}
