package dev.exactlyonce.bank;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Accounts for tests, opened through the API like a client would. */
public final class AccountFixture {

    public static final String ACCOUNTS = "/api/v1/accounts";

    /** The body that opens a EUR account. */
    public static final String EUR_ACCOUNT = "{\"currency\":\"EUR\"}";

    private AccountFixture() {
    }

    /** Opens a EUR account for the token's client and credits it with {@code balance} minor units. */
    public static UUID euroAccount(BankHttp api, String token, long balance) {
        BankHttp.Reply opened = api.post(token, ACCOUNTS, EUR_ACCOUNT);
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        UUID id = UUID.fromString(opened.json().get("id").asString());
        if (balance > 0) {
            BankHttp.Reply credited = api.post(token, ACCOUNTS + "/" + id + "/credits",
                    "{\"amount\":" + balance + ",\"currency\":\"EUR\"}");
            assertThat(credited.status()).as(credited.body()).isEqualTo(201);
        }
        return id;
    }

    /**
     * Opens a EUR account for the token's client with an overdraft limit granted by the local operator,
     * the only way an account gets one, and credits it with {@code balance} minor units.
     */
    public static UUID euroAccountWithOverdraft(BankHttp api, String token, long overdraftLimit, long balance) {
        UUID id = euroAccount(api, token, balance);
        setOverdraftLimit(api, id, overdraftLimit);
        return id;
    }

    /** Sets an account's overdraft limit as the local operator and expects it to be accepted. */
    public static void setOverdraftLimit(BankHttp api, UUID account, long overdraftLimit) {
        BankHttp.Reply set = api.put(BankHttp.OPS, overdraftLimit(account), "{\"overdraftLimit\":" + overdraftLimit + "}");
        assertThat(set.status()).as(set.body()).isEqualTo(200);
    }

    public static String overdraftLimit(UUID account) {
        return ACCOUNTS + "/" + account + "/overdraft-limit";
    }

    public static long balance(BankHttp api, String token, UUID account) {
        BankHttp.Reply reply = api.get(token, ACCOUNTS + "/" + account);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().get("balance").asLong();
    }

    public static String debit(long amount) {
        return "{\"amount\":" + amount + ",\"currency\":\"EUR\",\"description\":\"test debit\"}";
    }
}
