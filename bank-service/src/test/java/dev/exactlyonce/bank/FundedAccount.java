package dev.exactlyonce.bank;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A EUR account of Alice's, opened through the API and credited with {@link #OPENING_BALANCE}, for tests
 * that send requests to one account and check what they left on it. A test class asks for it with
 * {@code @Autowired}: each test gets an account of its own, as an opening in {@code @BeforeEach} would.
 */
public record FundedAccount(BankHttp api, LedgerCheck ledger, UUID id) {

    public static final long OPENING_BALANCE = 1_000;

    static FundedAccount open(BankHttp api, LedgerCheck ledger) {
        return new FundedAccount(api, ledger, AccountFixture.euroAccount(api, BankHttp.ALICE, OPENING_BALANCE));
    }

    public String credits() {
        return AccountFixture.ACCOUNTS + "/" + id + "/credits";
    }

    public String debits() {
        return AccountFixture.ACCOUNTS + "/" + id + "/debits";
    }

    public long balance() {
        return AccountFixture.balance(api, BankHttp.ALICE, id);
    }

    /**
     * Asserts that {@code reply} is a problem with this status and that the request left no trace: the
     * opening balance and, in the ledger, only the opening credit.
     */
    public void assertRefusedWithoutEffect(BankHttp.Reply reply, int status) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().get("type").asString()).startsWith(BankHttp.PROBLEMS);
        assertThat(balance()).isEqualTo(OPENING_BALANCE);
        assertThat(ledger.operations(id)).as("only the opening credit").isEqualTo(1);
    }
}
