package dev.exactlyonce.bank.system;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import dev.exactlyonce.bank.AccountFixture;
import dev.exactlyonce.bank.BankHttp;
import dev.exactlyonce.bank.BankIntegrationTest;
import dev.exactlyonce.bank.FundedAccount;
import dev.exactlyonce.bank.LedgerCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One reading of every body: members named twice, text that is not printable, and bytes that are not
 * UTF-8 are refused with a problem naming the field, and nothing is recorded.
 */
@BankIntegrationTest
class StrictInputIntegrationTests {

    @Autowired
    BankHttp api;

    @Autowired
    LedgerCheck ledger;

    @Autowired
    FundedAccount account;

    /**
     * {@code UUID.fromString} reads {@code 1-2-3-4-5} as {@code 00000001-0002-0003-0004-000000000005}, and
     * an id whose first digit is 0 also without it: one account, many spellings.
     */
    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/accounts/%s", "/api/v1/accounts/%s/operations", "/api/v1/operations/%s"})
    void refusesAnIdThatIsNotInCanonicalForm(String path) {
        BankHttp.Reply reply = api.get(BankHttp.ALICE, path.formatted("1-2-3-4-5"));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
    }

    @Test
    void refusesAMovementToAnAccountIdThatIsNotInCanonicalForm() {
        BankHttp.Reply debit = api.post(BankHttp.ALICE, "/api/v1/accounts/1-2-3-4-5/debits", AccountFixture.debit(10));
        BankHttp.Reply transfer = api.post(BankHttp.ALICE, "/api/v1/transfers", """
                {"fromAccountId":"%s","toAccountId":"1-2-3-4-5","amount":10,"currency":"EUR"}""".formatted(account.id()));

        assertThat(debit.status()).isEqualTo(400);
        assertThat(transfer.status()).isEqualTo(400);
        assertThat(account.balance()).isEqualTo(1_000);
    }

    @Test
    void refusesAMemberNamedTwiceAtTheTopLevel() {
        BankHttp.Reply reply = api.post(BankHttp.ALICE, account.debits(), "{\"amount\":10,\"currency\":\"EUR\",\"amount\":900}");

        assertRefused(reply, 400, "malformed-json", "/amount");
        assertThat(reply.json().get("detail").asString()).contains("'amount' appears twice");
    }

    @Test
    void refusesAMemberNamedTwiceInATransferAndWhenOpeningAnAccount() {
        UUID other = AccountFixture.euroAccount(api, BankHttp.ALICE, 0);
        assertRefused(api.post(BankHttp.ALICE, "/api/v1/transfers", """
                {"fromAccountId":"%s","toAccountId":"%s","toAccountId":"%s","amount":10,"currency":"EUR"}"""
                .formatted(account.id(), other, account.id())), 400, "malformed-json", "/toAccountId");
        long accounts = ledger.accounts();

        assertThat(api.post(BankHttp.ALICE, "/api/v1/accounts", UUID.randomUUID().toString(),
                "{\"currency\":\"EUR\",\"currency\":\"USD\"}").json().get("field").asString()).isEqualTo("/currency");
        assertThat(ledger.accounts()).isEqualTo(accounts);
    }

    @Test
    void refusesAMemberNamedTwiceInANestedObject() {
        assertRefused(api.post(BankHttp.ALICE, account.debits(), "{\"amount\":10,\"currency\":\"EUR\",\"meta\":{\"a\":1,\"a\":2}}"),
                400, "malformed-json", "/meta/a");
        assertRefused(api.post(BankHttp.ALICE, account.debits(), "[{\"amount\":10},{\"x\":[{\"b\":1,\"b\":1}]}]"),
                400, "malformed-json", "/1/x/0/b");
    }

    @ParameterizedTest
    @ValueSource(strings = { "\\u0000", "a\\u0000b", "\\u0001", "\\u0007", "\\t", "\\n", "\\r", "\\u001b[31m", "\\u007f",
            "\\u0085", "\\u009f", "\\u2028", "\\u2029", "\\u202e", "\\u2066", "\\ud800", "x\\udfff", "\\ufffe", "\\uffff",
            "\\ufdd0", "\\ue000", "\\udb80\\udc00" })
    void refusesDescriptionsWithUnprintableCharacters(String escaped) {
        String body = "{\"amount\":10,\"currency\":\"EUR\",\"description\":\"" + escaped + "\"}";

        assertRefused(api.post(BankHttp.ALICE, account.debits(), body), 400, "invalid-text", "/description");
        assertRefused(api.post(BankHttp.ALICE, account.credits(), body), 400, "invalid-text", "/description");
    }

    @Test
    void refusesRawControlCharactersAndControlCharactersInNames() {
        assertRefused(api.post(BankHttp.ALICE, account.debits(), "{\"amount\":10,\"currency\":\"EUR\",\"descr\\u0000iption\":\"x\"}"),
                400, "invalid-text", "/descr\u0000iption");
        BankHttp.Reply raw = api.post(BankHttp.ALICE, account.debits(), "{\"amount\":10,\"currency\":\"EUR\",\"description\":\"a\u0001b\"}");
        assertRefused(raw, 400, "malformed-json", null);
    }

    @Test
    void acceptsAndKeepsPrintableUnicode() {
        String description = "Grüße, Zoë – 10 € 日本 😀 👩‍👩‍👧 e\u0301";

        BankHttp.Reply reply = api.post(BankHttp.ALICE, account.credits(), "{\"amount\":10,\"currency\":\"EUR\",\"description\":\""
                + description + "\"}");

        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        assertThat(reply.json().get("description").asString()).isEqualTo(description);
    }

    @Test
    void refusesInvalidUtf8() {
        byte[] prefix = "{\"amount\":10,\"currency\":\"EUR\",\"description\":\"".getBytes(StandardCharsets.UTF_8);
        for (byte[] bad : new byte[][] { { (byte) 0xC3 }, { (byte) 0xC0, (byte) 0xAF }, { (byte) 0xED, (byte) 0xA0, (byte) 0x80 },
                { (byte) 0xFF }, { (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80 } }) {
            byte[] body = concat(prefix, bad, "\"}".getBytes(StandardCharsets.UTF_8));
            BankHttp.Reply reply = postBytes(account.debits(), "application/json", body);
            assertRefused(reply, 400, "malformed-json", null);
            assertThat(reply.json().get("detail").asString()).contains("not valid UTF-8");
        }
    }

    @Test
    void refusesOtherEncodingsAndByteOrderMarks() {
        String json = "{\"amount\":10,\"currency\":\"EUR\",\"description\":\"caf\u00e9\"}";

        assertRefused(postBytes(account.debits(), "application/json", ("\uFEFF" + json).getBytes(StandardCharsets.UTF_16BE)),
                400, "malformed-json", null);
        assertRefused(postBytes(account.debits(), "application/json", json.getBytes(StandardCharsets.UTF_16LE)),
                400, "malformed-json", null);
        assertRefused(postBytes(account.debits(), "application/json", ("\uFEFF" + json).getBytes(StandardCharsets.UTF_8)),
                400, "malformed-json", null);
        assertRefused(postBytes(account.debits(), "application/json;charset=ISO-8859-1", json.getBytes(StandardCharsets.ISO_8859_1)),
                415, "unsupported-media-type", null);
        assertRefused(postBytes(account.debits(), "application/json; charset=UTF-16", json.getBytes(StandardCharsets.UTF_16)),
                415, "unsupported-media-type", null);
    }

    @Test
    void leavesTheKeyOfARefusedBodyFreeForTheCorrectedRequest() {
        String key = UUID.randomUUID().toString();

        assertRefused(api.post(BankHttp.ALICE, account.debits(), key, "{\"amount\":10,\"currency\":\"EUR\",\"description\":\"\\u0000\"}"),
                400, "invalid-text", "/description");
        BankHttp.Reply corrected = api.post(BankHttp.ALICE, account.debits(), key, "{\"amount\":10,\"currency\":\"EUR\",\"description\":\"ok\"}");

        assertThat(corrected.status()).as(corrected.body()).isEqualTo(201);
        assertThat(account.balance()).isEqualTo(990);
    }

    private BankHttp.Reply postBytes(String path, String contentType, byte[] body) {
        return api.send(api.request(BankHttp.ALICE, path).header("Content-Type", contentType)
                .header("Idempotency-Key", UUID.randomUUID().toString()).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    private void assertRefused(BankHttp.Reply reply, int status, String kind, String field) {
        account.assertRefusedWithoutEffect(reply, status);
        assertThat(reply.json().get("type").asString()).isEqualTo(BankHttp.PROBLEMS + kind);
        if (field != null) {
            assertThat(reply.json().get("field").asString()).isEqualTo(field);
        }
    }
}
