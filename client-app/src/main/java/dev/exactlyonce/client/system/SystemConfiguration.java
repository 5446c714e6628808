package dev.exactlyonce.client.system;

import java.time.Clock;

import dev.exactlyonce.json.StrictMoneyMapping;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SystemConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * The rules for money in JSON that the bank applies too ({@link StrictMoneyMapping}): an amount of
     * {@code 10.5} is refused, not quietly read as 10 minor units, and so on. (Unknown members are ignored:
     * this mapper also reads the bank's answers, which may grow new fields.)
     */
    @Bean
    JsonMapperBuilderCustomizer strictMoneyParsing() {
        return StrictMoneyMapping::apply;
    }
}
