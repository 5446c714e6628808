package dev.exactlyonce.gateway.faults;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** The fault mode. */
@ConfigurationProperties("gateway.faults")
public class FaultProperties {

    /**
     * Whether the fault endpoints under {@code /gateway/faults} exist and replies can be dropped. Never
     * in the {@code prod} profile: the gateway then refuses to start.
     */
    private boolean enabled = false;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }
}
