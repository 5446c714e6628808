package dev.exactlyonce.bank;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Accounts for tests, opened through the API like a client would. */
public final class AccountFixture {

    private AccountFixture() {
    }

    /** Opens a EUR account for the token's client and credits it with {@code balance} minor units. */
    public static UUID euroAccount(BankApi api, String token, long balance) {
        BankApi.Reply opened = api.post(token, "/api/v1/accounts", null, "{\"currency\":\"EUR\"}");
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        UUID id = UUID.fromString(opened.json().get("id").asString());
        if (balance > 0) {
            BankApi.Reply credited = api.post(token, "/api/v1/accounts/" + id + "/credits",
                    "{\"amount\":" + balance + ",\"currency\":\"EUR\"}");
            assertThat(credited.status()).as(credited.body()).isEqualTo(201);
        }
        return id;
    }

    public static long balance(BankApi api, String token, UUID account) {
        BankApi.Reply reply = api.get(token, "/api/v1/accounts/" + account);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().get("balance").asLong();
    }

    public static String debit(long amount) {
        return "{\"amount\":" + amount + ",\"currency\":\"EUR\",\"description\":\"test debit\"}";
    }
}
