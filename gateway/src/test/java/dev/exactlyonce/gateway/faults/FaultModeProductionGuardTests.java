package dev.exactlyonce.gateway.faults;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import dev.exactlyonce.gateway.GatewayApplication;
import dev.exactlyonce.gateway.support.TestClasspath;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

class FaultModeProductionGuardTests {

    ApplicationContextRunner contexts = new ApplicationContextRunner()
            .withBean(SimpleMeterRegistry.class)
            .withUserConfiguration(FaultsConfiguration.class, FaultController.class);

    @Test
    void isOffByDefault() {
        contexts.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(ReplyDropper.class).doesNotHaveBean(FaultController.class)
                    .doesNotHaveBean(DropReplyFilter.class);
        });
    }

    @Test
    void offersItsEndpointsWhenEnabledOutsideProduction() {
        contexts.withPropertyValues("gateway.faults.enabled=true", "spring.profiles.active=local").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(FaultController.class).hasSingleBean(DropReplyFilter.class);
        });
    }

    @Test
    void cannotBeSwitchedOnInTheProdProfile() {
        contexts.withPropertyValues("gateway.faults.enabled=true", "spring.profiles.active=prod").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("refused in the 'prod' profile");
        });
    }

    @Test
    void cannotBeSwitchedOnInTheProdProfileAmongOthers() {
        contexts.withPropertyValues("gateway.faults.enabled=true", "spring.profiles.active=local,prod")
                .run(context -> assertThat(context).hasFailed());
    }

    @Test
    void gatewayRefusesToStartInProductionWithFaultModeOn() {
        String[] arguments = concat(TestClasspath.asArguments(), "--gateway.faults.enabled=true", "--server.port=0");

        assertThatException()
                .isThrownBy(() -> new SpringApplicationBuilder(GatewayApplication.class).profiles("prod").run(arguments).close())
                .havingRootCause().withMessageContaining("gateway.faults.enabled=true is refused in the 'prod' profile");
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}
