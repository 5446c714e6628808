package dev.exactlyonce.client.bank;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.json.JsonMapper;

class WireTests {

    /** As strict as client-app's own mapper (SystemConfiguration), which the bank client reads replies with. */
    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    @Test
    void readsAHistoryPageWithAnOverdraftLimitChangeThatHasNoAmountOrBalance() {
        UUID account = UUID.randomUUID();
        String page = """
                {"items":[
                  {"type":"OVERDRAFT_LIMIT_CHANGE","accountId":"%1$s","currency":"EUR","previousOverdraftLimit":0,
                   "overdraftLimit":50000,"changedBy":"ops","status":"COMPLETED","createdAt":"2026-11-23T10:01:00Z"},
                  {"operationId":"%2$s","type":"CREDIT","accountId":"%1$s","amount":2500,"currency":"EUR",
                   "balanceAfter":2500,"status":"COMPLETED","createdAt":"2026-11-23T10:00:00Z"}],
                 "page":0,"size":100,"totalItems":2}""".formatted(account, UUID.randomUUID());

        Wire.OperationPage read = JSON.readValue(page, Wire.OperationPage.class);

        BankOperationView change = BankOperationView.of(read.items().get(0));
        assertThat(change.overdraftLimitChange()).isTrue();
        assertThat(change.amount()).isNull();
        assertThat(change.balanceAfter()).isNull();
        assertThat(change.previousOverdraftLimit()).isZero();
        assertThat(change.overdraftLimit()).isEqualTo(50_000);
        assertThat(change.changedBy()).isEqualTo("ops");
        BankOperationView credit = BankOperationView.of(read.items().get(1));
        assertThat(credit.overdraftLimitChange()).isFalse();
        assertThat(credit.amount()).isEqualTo(2_500);
        assertThat(credit.balanceAfter()).isEqualTo(2_500);
        assertThat(credit.overdraftLimit()).isNull();
    }
}
