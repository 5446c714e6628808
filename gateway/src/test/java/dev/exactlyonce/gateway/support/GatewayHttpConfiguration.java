package dev.exactlyonce.gateway.support;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;

/** Lets a gateway test {@code @Autowired} a {@link GatewayHttp} for the gateway its context started. */
@Configuration(proxyBeanMethods = false)
class GatewayHttpConfiguration {

    /**
     * A prototype, so every test instance gets a client of its own, with its own connections; made when a
     * test asks for it, by which time the server has its port.
     */
    @Bean
    @Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
    GatewayHttp gatewayHttp(@Value("${local.server.port}") int port) {
        return new GatewayHttp(port);
    }
}
