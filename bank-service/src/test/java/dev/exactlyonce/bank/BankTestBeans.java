package dev.exactlyonce.bank;

import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Scope;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What every {@link BankIntegrationTest} works with, so that a test class asks for it with
 * {@code @Autowired} instead of building it in its own set-up. The client is a prototype: each test
 * instance gets a fresh one (its own HTTP connections), as it did when each test built its own.
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
}
