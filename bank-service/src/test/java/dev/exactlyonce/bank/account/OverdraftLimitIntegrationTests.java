package dev.exactlyonce.bank.account;

import java.util.List;
import java.util.UUID;

import dev.exactlyonce.bank.AccountFixture;
import dev.exactlyonce.bank.BankHttp;
import dev.exactlyonce.bank.BankIntegrationTest;
import dev.exactlyonce.bank.Concurrently;
import dev.exactlyonce.bank.LedgerCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** Credit is the bank's decision: customers cannot grant themselves an overdraft, operators set limits. */
@BankIntegrationTest
class OverdraftLimitIntegrationTests {

    @Autowired
    BankHttp api;

    @Autowired
    LedgerCheck ledger;

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"currency\":\"EUR\",\"overdraftLimit\":0}",
            "{\"currency\":\"EUR\",\"overdraftLimit\":null}",
            "{\"currency\":\"EUR\",\"overdraftLimit\":1000000000000}",
            "{\"overdraftLimit\":99999999999999999999999999999,\"currency\":\"EUR\"}",
            "{\"currency\":\"EUR\",\"overdraftLimit\":1e30}",
            "{\"currency\":\"EUR\",\"overdraftLimit\":\"500\"}",
            "{\"currency\":\"EUR\",\"overdraftLimit\":{\"amount\":500}}",
            "{\"currency\":\"MNT\",\"overdraftLimit\":500}"})
    void refusesSelfGrantedOverdraftAndOpensNothing(String body) {
        long accountsBefore = ledger.accounts();
        long fenceRowsBefore = ledger.fenceRows("alice");

        BankHttp.Reply reply = api.post(BankHttp.ALICE, "/api/v1/accounts", body);

        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().get("detail").asString()).contains("overdraftLimit");
        assertThat(ledger.accounts()).as("no customer account and no settlement account opened").isEqualTo(accountsBefore);
        assertThat(ledger.fenceRows("alice")).as("no fence row kept").isEqualTo(fenceRowsBefore);
    }

    @Test
    void operatorSetsLimitWhichTheCustomerMayThenUse() {
        UUID account = AccountFixture.euroAccount(api, BankHttp.ALICE, 100);

        BankHttp.Reply set = api.put(BankHttp.OPS, AccountFixture.overdraftLimit(account), "{\"overdraftLimit\":500}");
        BankHttp.Reply debit = api.post(BankHttp.ALICE, "/api/v1/accounts/" + account + "/debits", AccountFixture.debit(600));
        BankHttp.Reply tooFar = api.post(BankHttp.ALICE, "/api/v1/accounts/" + account + "/debits", AccountFixture.debit(1));

        assertThat(set.status()).as(set.body()).isEqualTo(200);
        assertThat(set.json().get("id").asString()).isEqualTo(account.toString());
        assertThat(set.json().get("overdraftLimit").asLong()).isEqualTo(500);
        assertThat(set.json().get("balance").asLong()).isEqualTo(100);
        assertThat(debit.status()).as(debit.body()).isEqualTo(201);
        assertThat(debit.json().get("balanceAfter").asLong()).isEqualTo(-500);
        assertThat(tooFar.status()).isEqualTo(422);
        assertThat(api.get(BankHttp.ALICE, "/api/v1/accounts/" + account).json().get("overdraftLimit").asLong()).isEqualTo(500);
        ledger.assertBooksBalance();
    }

    @Test
    void recordsEachChangeInTheAccountsHistoryAmongItsOperations() {
        UUID account = AccountFixture.euroAccount(api, BankHttp.ALICE, 1_000);
        AccountFixture.setOverdraftLimit(api, account, 300);
        api.post(BankHttp.ALICE, "/api/v1/accounts/" + account + "/debits", AccountFixture.debit(200));
        AccountFixture.setOverdraftLimit(api, account, 700);
        long entriesBefore = ledger.entries(account);

        BankHttp.Reply history = api.get(BankHttp.ALICE, "/api/v1/accounts/" + account + "/operations");
        BankHttp.Reply firstPage = api.get(BankHttp.ALICE, "/api/v1/accounts/" + account + "/operations?page=0&size=2");
        BankHttp.Reply secondPage = api.get(BankHttp.ALICE, "/api/v1/accounts/" + account + "/operations?page=1&size=2");

        assertThat(history.status()).as(history.body()).isEqualTo(200);
        assertThat(history.json().get("totalItems").asLong()).isEqualTo(4);
        JsonNode items = history.json().get("items");
        assertThat(items).extracting(item -> item.get("type").asString())
                .containsExactly("OVERDRAFT_LIMIT_CHANGE", "DEBIT", "OVERDRAFT_LIMIT_CHANGE", "CREDIT");
        JsonNode latest = items.get(0);
        assertThat(latest.get("previousOverdraftLimit").asLong()).isEqualTo(300);
        assertThat(latest.get("overdraftLimit").asLong()).isEqualTo(700);
        assertThat(latest.get("changedBy").asString()).isEqualTo("ops");
        assertThat(latest.get("accountId").asString()).isEqualTo(account.toString());
        assertThat(latest.get("currency").asString()).isEqualTo("EUR");
        assertThat(latest.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(latest.get("createdAt")).isNotNull();
        assertThat(latest.has("amount")).isFalse();
        assertThat(latest.has("balanceAfter")).isFalse();
        assertThat(items.get(2).get("previousOverdraftLimit").asLong()).isZero();
        assertThat(items.get(2).get("overdraftLimit").asLong()).isEqualTo(300);
        assertThat(firstPage.json().get("items")).hasSize(2);
        assertThat(firstPage.json().get("totalItems").asLong()).isEqualTo(4);
        assertThat(secondPage.json().get("items")).extracting(item -> item.get("type").asString())
                .containsExactly("OVERDRAFT_LIMIT_CHANGE", "CREDIT");
        String changeId = latest.get("operationId").asString();
        assertThat(api.get(BankHttp.ALICE, "/api/v1/operations/" + changeId).body()).isEqualTo(latest.toString());
        assertThat(api.get(BankHttp.BOB, "/api/v1/operations/" + changeId).status()).isEqualTo(404);
        assertThat(ledger.entries(account)).as("a limit change writes no ledger entries").isEqualTo(entriesBefore);
        ledger.assertBooksBalance();
    }

    @Test
    void settingTheSameLimitAgainRecordsNothing() {
        UUID account = AccountFixture.euroAccount(api, BankHttp.ALICE, 0);
        AccountFixture.setOverdraftLimit(api, account, 250);

        BankHttp.Reply again = api.put(BankHttp.OPS, AccountFixture.overdraftLimit(account), "{\"overdraftLimit\":250}");

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("overdraftLimit").asLong()).isEqualTo(250);
        assertThat(ledger.limitChanges(account)).isEqualTo(1);
    }

    @Test
    void refusesLoweringTheLimitBelowWhatTheAccountUses() {
        UUID account = AccountFixture.euroAccountWithOverdraft(api, BankHttp.ALICE, 500, 0);
        api.post(BankHttp.ALICE, "/api/v1/accounts/" + account + "/debits", AccountFixture.debit(300));

        BankHttp.Reply below = api.put(BankHttp.OPS, AccountFixture.overdraftLimit(account), "{\"overdraftLimit\":299}");
        BankHttp.Reply zero = api.put(BankHttp.OPS, AccountFixture.overdraftLimit(account), "{\"overdraftLimit\":0}");
        BankHttp.Reply exactly = api.put(BankHttp.OPS, AccountFixture.overdraftLimit(account), "{\"overdraftLimit\":300}");

        assertThat(below.status()).as(below.body()).isEqualTo(422);
        assertThat(below.contentType()).startsWith("application/problem+json");
        assertThat(below.json().get("type").asString()).isEqualTo(BankHttp.PROBLEMS + "overdraft-limit-below-balance");
        assertThat(zero.status()).isEqualTo(422);
        assertThat(exactly.status()).as("a limit the balance just fits in").isEqualTo(200);
        assertThat(ledger.limitChanges(account)).as("the refused changes are not recorded").isEqualTo(2);
        assertThat(api.get(BankHttp.ALICE, "/api/v1/accounts/" + account).json().get("overdraftLimit").asLong()).isEqualTo(300);
    }

    @Test
    void limitChangesRacingDebitsNeverFailAndNeverLeaveTheAccountBeyondItsLimit() throws Exception {
        UUID account = AccountFixture.euroAccountWithOverdraft(api, BankHttp.ALICE, 1_000, 0);

        List<BankHttp.Reply> replies = Concurrently.send(40, i -> i % 4 == 0
                ? api.put(BankHttp.OPS, AccountFixture.overdraftLimit(account), "{\"overdraftLimit\":" + (i % 8 == 0 ? 0 : 1_000) + "}")
                : api.post(BankHttp.ALICE, "/api/v1/accounts/" + account + "/debits", AccountFixture.debit(40)));

        assertThat(replies).allSatisfy(reply -> assertThat(reply.status()).as(reply.body()).isIn(200, 201, 422));
        BankHttp.Reply now = api.get(BankHttp.ALICE, "/api/v1/accounts/" + account);
        assertThat(now.json().get("balance").asLong()).isGreaterThanOrEqualTo(-now.json().get("overdraftLimit").asLong());
        long changes = replies.stream().filter(reply -> reply.status() == 200).count();
        assertThat(ledger.limitChanges(account)).isBetween(1L, changes + 1);
        ledger.assertBooksBalance();
    }

    @Test
    void customersMayNotSetLimitsNotEvenOnTheirOwnAccounts() {
        UUID account = AccountFixture.euroAccount(api, BankHttp.ALICE, 0);

        BankHttp.Reply own = api.put(BankHttp.ALICE, AccountFixture.overdraftLimit(account), "{\"overdraftLimit\":500}");
        BankHttp.Reply anonymous = api.put(null, AccountFixture.overdraftLimit(account), "{\"overdraftLimit\":500}");

        assertThat(own.status()).isEqualTo(403);
        assertThat(own.contentType()).startsWith("application/problem+json");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(ledger.limitChanges(account)).isZero();
        assertThat(api.get(BankHttp.ALICE, "/api/v1/accounts/" + account).json().get("overdraftLimit").asLong()).isZero();
    }

    @Test
    void operatorsMoveNoMoneyAndOpenNoAccounts() {
        UUID account = AccountFixture.euroAccount(api, BankHttp.ALICE, 1_000);
        long accountsBefore = ledger.accounts();

        BankHttp.Reply open = api.post(BankHttp.OPS, "/api/v1/accounts", "{\"currency\":\"EUR\"}");
        BankHttp.Reply credit = api.post(BankHttp.OPS, "/api/v1/accounts/" + account + "/credits", "{\"amount\":5,\"currency\":\"EUR\"}");
        BankHttp.Reply debit = api.post(BankHttp.OPS, "/api/v1/accounts/" + account + "/debits", AccountFixture.debit(5));
        BankHttp.Reply transfer = api.post(BankHttp.OPS, "/api/v1/transfers", """
                {"fromAccountId":"%s","toAccountId":"%s","amount":5,"currency":"EUR"}""".formatted(account, UUID.randomUUID()));

        for (BankHttp.Reply reply : new BankHttp.Reply[] {open, credit, debit, transfer,
                api.get(BankHttp.OPS, "/api/v1/accounts"), api.get(BankHttp.OPS, "/api/v1/accounts/" + account),
                api.get(BankHttp.OPS, "/api/v1/accounts/" + account + "/operations")}) {
            assertThat(reply.status()).as(reply.body()).isEqualTo(403);
            assertThat(reply.contentType()).startsWith("application/problem+json");
        }
        assertThat(ledger.accounts()).isEqualTo(accountsBefore);
        assertThat(AccountFixture.balance(api, BankHttp.ALICE, account)).isEqualTo(1_000);
    }

    @Test
    void answersNotFoundForUnknownAndSettlementAccounts() {
        BankHttp.Reply unknown = api.put(BankHttp.OPS, AccountFixture.overdraftLimit(UUID.randomUUID()), "{\"overdraftLimit\":5}");
        AccountFixture.euroAccount(api, BankHttp.ALICE, 0);
        BankHttp.Reply settlement = api.put(BankHttp.OPS, AccountFixture.overdraftLimit(Accounts.settlementAccount("EUR")),
                "{\"overdraftLimit\":5}");

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("type").asString()).isEqualTo(BankHttp.PROBLEMS + "account-not-found");
        assertThat(settlement.status()).isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"overdraftLimit\":null}", "{\"overdraftLimit\":-1}",
            "{\"overdraftLimit\":1000000000000001}", "{\"overdraftLimit\":1.5}", "{\"overdraftLimit\":\"5\"}",
            "{\"overdraftLimit\":5,\"currency\":\"EUR\"}"})
    void refusesInvalidLimitsAndChangesNothing(String body) {
        UUID account = AccountFixture.euroAccount(api, BankHttp.ALICE, 0);

        BankHttp.Reply reply = api.put(BankHttp.OPS, AccountFixture.overdraftLimit(account), body);

        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(ledger.limitChanges(account)).isZero();
    }

    @Test
    void acceptsTheLargestLimit() {
        UUID account = AccountFixture.euroAccount(api, BankHttp.ALICE, 0);

        BankHttp.Reply reply = api.put(BankHttp.OPS, AccountFixture.overdraftLimit(account), "{\"overdraftLimit\":1000000000000000}");

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().get("overdraftLimit").asLong()).isEqualTo(1_000_000_000_000_000L);
    }
}
