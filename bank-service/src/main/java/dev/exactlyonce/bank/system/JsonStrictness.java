package dev.exactlyonce.bank.system;

import java.util.UUID;

import dev.exactlyonce.json.StrictMoneyMapping;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.module.SimpleModule;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Money requests are parsed strictly ({@link StrictMoneyMapping}: {@code 10.5}, {@code 1e3} and
 * {@code "100"} are no whole numbers, a member named twice is an error, not "the last one wins"), and a
 * field the request cannot set, such as {@code balance}, is refused rather than dropped: each is a 400. The
 * {@link RequestShapeFilter} refuses a member named twice before Jackson runs; the mapper would refuse it as
 * well.
 */
@Configuration(proxyBeanMethods = false)
class JsonStrictness {

    @Bean
    JsonMapperBuilderCustomizer strictMoneyParsing() {
        return builder -> StrictMoneyMapping.apply(builder)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .addModule(new SimpleModule("canonical-uuids").addDeserializer(UUID.class, new CanonicalUuids.Deserializer()));
    }
}
