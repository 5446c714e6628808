package dev.exactlyonce.gateway.faults;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

/** The fault mode's beans, present only when {@code gateway.faults.enabled=true} and never in production. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "gateway.faults.enabled", havingValue = "true")
class FaultsConfiguration {

    /** The profile in which the fault mode must never run. */
    static final String PRODUCTION_PROFILE = "prod";

    FaultsConfiguration(Environment environment) {
        if (environment.acceptsProfiles(Profiles.of(PRODUCTION_PROFILE))) {
            throw new IllegalStateException("gateway.faults.enabled=true is refused in the '" + PRODUCTION_PROFILE
                    + "' profile: the fault mode drops replies of calls that moved money. Remove the setting"
                    + " (or GATEWAY_FAULTS_ENABLED) from the production configuration.");
        }
    }

    @Bean
    ReplyDropper replyDropper() {
        return new ReplyDropper();
    }

    @Bean
    DropReplyFilter dropReplyFilter(ReplyDropper dropper, MeterRegistry meters) {
        return new DropReplyFilter(dropper, meters);
    }

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> connectionAbortValve() {
        return factory -> factory.addContextValves(new ConnectionAbortValve());
    }
}
