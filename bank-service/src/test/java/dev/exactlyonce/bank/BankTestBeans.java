package dev.exactlyonce.bank;

import dev.exactlyonce.bank.idempotency.RedisRecords;
import dev.exactlyonce.idempotency.redis.RedisIdempotencyStore;

import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.annotation.Scope;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What every {@link BankIntegrationTest} works with, so that a test class asks for it with
 * {@code @Autowired} instead of building it in its own set-up. The client and the funded account are
 * prototypes: each test instance gets a fresh one (its own HTTP connections, its own account), as it did
 * when each test built its own.
 */
@TestConfiguration(proxyBeanMethods = false)
class BankTestBeans {

    @Bean
    @Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
    BankHttp bankApi(@LocalServerPort int port) {
        return new BankHttp(port);
    }

    @Bean
    LedgerCheck ledgerCheck(JdbcClient jdbc) {
        return new LedgerCheck(jdbc);
    }

    @Bean
    @Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
    FundedAccount fundedAccount(BankHttp api, LedgerCheck ledger) {
        return FundedAccount.open(api, ledger);
    }

    /** Lazy: a context with the Redis fast path switched off has no store, and no test there asks for it. */
    @Bean
    @Lazy
    RedisRecords redisRecords(StringRedisTemplate redis, RedisIdempotencyStore store) {
        return new RedisRecords(redis, store);
    }
}
