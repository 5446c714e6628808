package dev.exactlyonce.client.bank;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Time bounds of calls to the bank. Attempts, backoff and the circuit breaker are Resilience4j's own
 * properties ({@code resilience4j.retry.instances.bankWrites|bankReads},
 * {@code resilience4j.circuitbreaker.instances.bank}); connect and read timeouts are OpenFeign's
 * ({@code spring.cloud.openfeign.client.config.bank}).
 *
 * @param writeBudget total time one round of attempts at a money movement may take: no attempt starts
 *        after it (an attempt in flight still ends within its read timeout). When it runs out the
 *        operation stays in doubt and the journal's resumer tries again later with the same key.
 * @param readBudget the same bound for reads (accounts, history), which a person is waiting for
 * @param openBudget the same bound for opening an account. Nothing journals an opening, so a person
 *        waits for the whole round; when it runs out without an answer the caller is told so, and sending
 *        the same opening again (the same key) is safe.
 * @param acknowledge whether money movements carry the cumulative acknowledgement ({@code ;ack=<n>}) in their
 *        Idempotency-Key, so that the bank can forget the replies client-app has received at once instead of
 *        keeping them for their retention. The keys stay sequenced either way. Environment:
 *        {@code CLIENT_BANK_ACKNOWLEDGE}.
 */
@ConfigurationProperties("client.bank")
public record BankProperties(@DefaultValue("30s") Duration writeBudget, @DefaultValue("5s") Duration readBudget,
        @DefaultValue("10s") Duration openBudget, @DefaultValue("true") boolean acknowledge) {

    public BankProperties {
        if (writeBudget == null || writeBudget.isNegative() || writeBudget.isZero()) {
            throw new IllegalArgumentException("client.bank.write-budget must be positive, was " + writeBudget);
        }
        if (readBudget == null || readBudget.isNegative() || readBudget.isZero()) {
            throw new IllegalArgumentException("client.bank.read-budget must be positive, was " + readBudget);
        }
        if (openBudget == null || openBudget.isNegative() || openBudget.isZero()) {
            throw new IllegalArgumentException("client.bank.open-budget must be positive, was " + openBudget);
        }
    }
}
