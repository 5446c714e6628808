package dev.exactlyonce.gateway.system;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/** Where the gateway sends API calls and how large a request it accepts. */
@ConfigurationProperties("gateway")
public class GatewayProperties {

    /**
     * Base URI of bank-service; every {@code /api/**} call goes there. GATEWAY_BANK_URI in the environment.
     */
    private URI bankUri = URI.create("http://localhost:8081");

    /**
     * Largest request body accepted; larger ones are answered 413 before anything is sent upstream. Bodies
     * are held in memory up to this size so that a retry can send them again.
     */
    private DataSize maxRequestSize = DataSize.ofMegabytes(1);

    public URI getBankUri() {
        return bankUri;
    }

    public void setBankUri(URI bankUri) {
        if (bankUri == null || bankUri.getScheme() == null || bankUri.getHost() == null) {
            throw new IllegalArgumentException("gateway.bank-uri must be an absolute http(s) URI, not '" + bankUri + "'");
        }
        this.bankUri = bankUri;
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
}
