package dev.exactlyonce.gateway.retry;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.exactlyonce.gateway.support.BankServer;
import dev.exactlyonce.gateway.support.GatewayHttp;
import dev.exactlyonce.gateway.support.StubUpstream;
import dev.exactlyonce.gateway.support.StubUpstreamTest;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway retries a keyed account opening, and the real bank behind it opens one account: the stub
 * passes every attempt to the bank but answers the first with 503, as if the bank's reply had been lost
 * after it opened the account.
 */
@StubUpstreamTest
class AccountOpeningRetryIntegrationTests {

    @Autowired
    GatewayHttp gateway;

    StubUpstream upstream = StubUpstream.shared();

    @Test
    void retriedOpeningAfterServiceUnavailableOpensOneAccount() {
        BankServer bank = BankServer.shared();
        upstream.forwardTo(bank.url(), 503);
        String key = "gateway-retried-open-" + UUID.randomUUID();
        long before = accountsOf("bob");

        GatewayHttp.Reply reply = gateway.post(GatewayHttp.BOB, "/api/v1/accounts", key, GatewayHttp.EUR_ACCOUNT);

        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        assertThat(reply.header("Idempotent-Replayed")).as("the retry got the first attempt's account").isEqualTo("true");
        assertThat(upstream.received()).hasSize(2)
                .extracting(received -> received.header("Idempotency-Key")).containsOnly(key);
        assertThat(accountsOf("bob")).isEqualTo(before + 1);
        List<UUID> opened = bank.jdbc().sql("select account_id from idempotency_record where client = 'bob' and idempotency_key = :key")
                .param("key", key).query(UUID.class).list();
        assertThat(opened).containsExactly(UUID.fromString(reply.json().get("id").asString()));
    }

    private static long accountsOf(String owner) {
        return BankServer.shared().jdbc().sql("select count(*) from account where owner = :owner and kind = 'CUSTOMER'")
                .param("owner", owner).query(Long.class).single();
    }
}
