package dev.exactlyonce.gateway.system;

import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/** Where the gateway sends API calls and how large a request it accepts. */
@ConfigurationProperties("gateway")
public class GatewayProperties {

    /**
     * Base URI of bank-service; every {@code /api/**} call goes there, unless {@code bank-instances} is set.
     * GATEWAY_BANK_URI in the environment.
     */
    private URI bankUri = URI.create("http://localhost:8081");

    /**
     * Base URIs of several bank-service instances to spread {@code /api/**} calls over, round-robin, taking an
     * instance out of rotation while its readiness check fails. When set, it takes the place of
     * {@code bank-uri}; with a single URI the gateway calls it directly, with no load balancer and no health
     * checks, as it does {@code bank-uri}. GATEWAY_BANK_INSTANCES in the environment, comma-separated.
     */
    private List<URI> bankInstances = List.of();

    /**
     * Largest request body accepted; larger ones are answered 413 before anything is sent upstream. Bodies
     * are held in memory up to this size so that a retry can send them again. The rest of a refused body is
     * still read and thrown away, up to {@code server.tomcat.max-swallow-size} (2MB unless set), so that its
     * sender reads the 413.
     */
    private DataSize maxRequestSize = DataSize.ofMegabytes(1);

    public URI getBankUri() {
        return bankUri;
    }

    public void setBankUri(URI bankUri) {
        this.bankUri = requireAbsolute("gateway.bank-uri", bankUri);
    }

    public List<URI> getBankInstances() {
        return bankInstances;
    }

    public void setBankInstances(List<URI> bankInstances) {
        List<URI> instances = bankInstances == null ? List.of() : List.copyOf(bankInstances);
        Set<String> seen = new HashSet<>();
        for (URI instance : instances) {
            requireAbsolute("gateway.bank-instances", instance);
            // The same instance twice would get twice the calls, and go on getting them while it is down.
            if (!seen.add(instance.getHost() + ":" + instance.getPort())) {
                throw new IllegalArgumentException("gateway.bank-instances names '" + instance + "' twice");
            }
        }
        this.bankInstances = instances;
    }

    public DataSize getMaxRequestSize() {
        return maxRequestSize;
    }

    public void setMaxRequestSize(DataSize maxRequestSize) {
        if (maxRequestSize == null || maxRequestSize.toBytes() < 1 || maxRequestSize.toBytes() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(
                    "gateway.max-request-size must be between 1B and 2GB, not '" + maxRequestSize + "'");
        }
        this.maxRequestSize = maxRequestSize;
    }

    private static URI requireAbsolute(String property, URI uri) {
        if (uri == null || uri.getScheme() == null || uri.getHost() == null) {
            throw new IllegalArgumentException(property + " must be an absolute http(s) URI, not '" + uri + "'");
        }
        return uri;
    }
}
