package dev.exactlyonce.bank.system;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BankSecurityPropertiesTests {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(PropertiesOnly.class);

    @Test
    void givesCustomersTheClientRoleAndOperatorsTheOperatorRole() {
        ConfiguredTokenIntrospector introspector = new ConfiguredTokenIntrospector(
                new BankSecurityProperties(Map.of("alice", "alice-token"), Map.of("ops", "ops-token")));

        OAuth2AuthenticatedPrincipal alice = introspector.introspect("alice-token");
        OAuth2AuthenticatedPrincipal ops = introspector.introspect("ops-token");

        assertThat(alice.getName()).isEqualTo("alice");
        assertThat(alice.getAuthorities()).extracting(Object::toString).containsExactly("ROLE_CLIENT");
        assertThat(ops.getName()).isEqualTo("ops");
        assertThat(ops.getAuthorities()).extracting(Object::toString).containsExactly("ROLE_OPERATOR");
        assertThatThrownBy(() -> introspector.introspect("nobody")).isInstanceOf(BadOpaqueTokenException.class);
    }

    @Test
    void bindsOperatorsLikeClients() {
        context.withPropertyValues("bank.security.clients.alice=a-token", "bank.security.operators.ops=o-token")
                .run(started -> {
                    assertThat(started).hasNotFailed();
                    assertThat(started.getBean(BankSecurityProperties.class).operators()).containsEntry("ops", "o-token");
                });
    }

    @Test
    void refusesToStartWhenATokenIsBothAClientsAndAnOperators() {
        context.withPropertyValues("bank.security.clients.alice=shared", "bank.security.operators.ops=shared")
                .run(started -> assertThat(started).getFailure().rootCause()
                        .hasMessageContaining("bank.security.operators.ops").hasMessageContaining("same token"));
    }

    @Test
    void refusesToStartWhenANameIsBothAClientAndAnOperator() {
        context.withPropertyValues("bank.security.clients.ops=one", "bank.security.operators.ops=two")
                .run(started -> assertThat(started).getFailure().rootCause().hasMessageContaining("not both"));
    }

    @Test
    void refusesToStartWhenTwoClientsShareAToken() {
        context.withPropertyValues("bank.security.clients.alice=same", "bank.security.clients.bob=same")
                .run(started -> assertThat(started).hasFailed());
    }

    @Test
    void refusesAnEmptyOperatorToken() {
        assertThatThrownBy(() -> new BankSecurityProperties(Map.of(), Map.of("ops", " ")))
                .hasMessageContaining("bank.security.operators.ops");
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(BankSecurityProperties.class)
    static class PropertiesOnly {
    }
}
