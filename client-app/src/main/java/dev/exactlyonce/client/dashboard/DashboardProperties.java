package dev.exactlyonce.client.dashboard;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The web dashboard.
 *
 * @param pollInterval how often an open page asks for fresh balances and log entries
 * @param gatewayUrl the gateway whose fault mode the lost-reply demonstration switches on, and through which
 *        its single attempts go; {@code null} means {@code client.bank-url}, which is the gateway in every
 *        deployment
 * @param demoReadTimeout how long one demonstration attempt waits for the gateway's reply before it counts
 *        as lost
 */
@ConfigurationProperties("client.dashboard")
public record DashboardProperties(@DefaultValue("2s") Duration pollInterval, URI gatewayUrl,
        @DefaultValue("10s") Duration demoReadTimeout) {

    public DashboardProperties {
        if (pollInterval == null || pollInterval.toMillis() < 500) {
            throw new IllegalArgumentException("client.dashboard.poll-interval must be at least 500ms, was " + pollInterval);
        }
        if (demoReadTimeout == null || demoReadTimeout.isNegative() || demoReadTimeout.isZero()) {
            throw new IllegalArgumentException("client.dashboard.demo-read-timeout must be positive, was " + demoReadTimeout);
        }
    }
}
