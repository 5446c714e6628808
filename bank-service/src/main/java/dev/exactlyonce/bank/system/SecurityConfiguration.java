package dev.exactlyonce.bank.system;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Every API call needs a bearer token; health probes and the API description do not. Stateless: no
 * session and no cookie, so a retry from a new connection is authenticated exactly like the first try.
 *
 * <p>Two roles, and neither can do the other's work: operators set overdraft limits (credit is the
 * bank's decision) and nothing else, in particular they move no money and open no account; customers
 * do everything else and get 403 on the operators' endpoint.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    /** The operators' endpoint. */
    private static final String OVERDRAFT_LIMIT = "/api/v1/accounts/*/overdraft-limit";

    @Bean
    SecurityFilterChain api(HttpSecurity http, OpaqueTokenIntrospector introspector, Problems problems) throws Exception {
        AuthenticationEntryPoint unauthorized = problemEntryPoint(problems);
        AccessDeniedHandler forbidden = (request, response, denied) -> {
            new BearerTokenAccessDeniedHandler().handle(request, response, denied);
            problems.write(response, Problems.of(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", "This token may not do that"));
        };
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health/**", "/actuator/info", "/actuator/prometheus",
                                "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html", "/error")
                        .permitAll()
                        .requestMatchers(HttpMethod.PUT, OVERDRAFT_LIMIT).hasRole(ConfiguredTokenIntrospector.OPERATOR)
                        .requestMatchers("/api/**").hasRole(ConfiguredTokenIntrospector.CLIENT)
                        .anyRequest().authenticated())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .opaqueToken(opaque -> opaque.introspector(introspector))
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(forbidden))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden));
        return http.build();
    }

    @Bean
    OpaqueTokenIntrospector configuredClients(BankSecurityProperties properties) {
        return new ConfiguredTokenIntrospector(properties);
    }

    /** The standard {@code WWW-Authenticate: Bearer} challenge, with a problem body a person can read. */
    private static AuthenticationEntryPoint problemEntryPoint(Problems problems) {
        BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
        return (request, response, failure) -> {
            bearer.commence(request, response, failure);
            problems.write(response, Problems.of(HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized",
                    "A valid bearer token is required"));
        };
    }
}
