package dev.exactlyonce.gateway.system;

import java.net.URI;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class GatewayPropertiesTests {

    @Test
    void bindsSeveralBankInstancesFromOneEnvironmentVariable() {
        GatewayProperties properties = bindEnvironment(
                Map.of("GATEWAY_BANK_INSTANCES", "http://127.0.0.1:18081,http://127.0.0.1:18082"));

        assertThat(properties.getBankInstances()).containsExactly(URI.create("http://127.0.0.1:18081"),
                URI.create("http://127.0.0.1:18082"));
        assertThat(properties.getBankUri()).isEqualTo(URI.create("http://localhost:8081"));
    }

    @Test
    void keepsBindingTheOneBankUriAsBefore() {
        GatewayProperties properties = bindEnvironment(Map.of("GATEWAY_BANK_URI", "http://bank-service:8081"));

        assertThat(properties.getBankUri()).isEqualTo(URI.create("http://bank-service:8081"));
        assertThat(properties.getBankInstances()).isEmpty();
    }

    @Test
    void refusesTheSameInstanceTwice() {
        assertThatExceptionOfType(BindException.class)
                .isThrownBy(() -> bindEnvironment(
                        Map.of("GATEWAY_BANK_INSTANCES", "http://127.0.0.1:18081,http://127.0.0.1:18081")))
                .havingRootCause().withMessage("gateway.bank-instances names 'http://127.0.0.1:18081' twice");
    }

    @Test
    void refusesAnInstanceThatIsNotAnAbsoluteUri() {
        assertThatExceptionOfType(BindException.class)
                .isThrownBy(() -> bindEnvironment(Map.of("GATEWAY_BANK_INSTANCES", "http://127.0.0.1:18081,bank:18082")))
                .havingRootCause()
                .withMessage("gateway.bank-instances must be an absolute http(s) URI, not 'bank:18082'");
    }

    static GatewayProperties bindEnvironment(Map<String, Object> variables) {
        StandardEnvironment environment = new StandardEnvironment();
        MutablePropertySources sources = environment.getPropertySources();
        sources.remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        sources.addFirst(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                variables));
        return new Binder(ConfigurationPropertySources.get(environment)).bindOrCreate("gateway", GatewayProperties.class);
    }
}
