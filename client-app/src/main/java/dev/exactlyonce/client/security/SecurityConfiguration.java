package dev.exactlyonce.client.security;

import java.util.List;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * Form login for the dashboard, HTTP Basic for the API. CSRF protection stays on for the browser's
 * session; a request that carries its own {@code Authorization} header cannot be forged cross-site, so it
 * needs no token. Both ways of signing in check the password through one provider behind
 * {@link SignInThrottle}, so repeated failures are throttled alike (429), whichever way they come.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    SecurityFilterChain clientApp(HttpSecurity http, UserDetailsService users, PasswordEncoder encoder,
            SignInThrottle throttle, JsonMapper json) throws Exception {
        BasicAuthenticationEntryPoint challenge = new BasicAuthenticationEntryPoint();
        challenge.setRealmName("client-app");
        AuthenticationEntryPoint basic = ThrottledSignInResponses.basic(challenge, json);
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(users);
        passwords.setPasswordEncoder(encoder);
        http.authenticationManager(new ProviderManager(new ThrottledAuthenticationProvider(passwords, throttle)))
                .authorizeHttpRequests(requests -> requests
                        // A scraper has no dashboard user: /actuator/prometheus is open, as in bank-service, and
                        // only the monitoring namespace may reach it (k8s/base/network-policies.yaml).
                        .requestMatchers("/login", SignInThrottledException.SIGN_IN_PAGE, "/css/**", "/js/**",
                                "/favicon.svg", "/actuator/health/**", "/actuator/prometheus", "/error").permitAll()
                        .anyRequest().authenticated())
                // The dashboard draws its own sign-in page (templates/login.html).
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/dashboard")
                        .failureHandler(ThrottledSignInResponses.form("/login?error")))
                .httpBasic(httpBasic -> httpBasic.authenticationEntryPoint(basic))
                .logout(Customizer.withDefaults())
                .csrf(csrf -> csrf.ignoringRequestMatchers(request -> request.getHeader(HttpHeaders.AUTHORIZATION) != null))
                .exceptionHandling(exceptions -> exceptions
                        .defaultAuthenticationEntryPointFor(basic, PathPatternRequestMatcher.pathPattern("/api/**"))
                        .defaultAuthenticationEntryPointFor(basic, PathPatternRequestMatcher.pathPattern("/actuator/**")));
        return http.build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /** The configured users; a plain-text password is hashed once here, at start-up. */
    @Bean
    UserDetailsService users(ClientUsersProperties properties, PasswordEncoder encoder) {
        List<UserDetails> users = properties.users().entrySet().stream()
                .map(entry -> User.withUsername(entry.getKey())
                        .password(encoded(entry.getValue().password(), encoder))
                        .roles("USER")
                        .build())
                .toList();
        return new InMemoryUserDetailsManager(users);
    }

    private static String encoded(String password, PasswordEncoder encoder) {
        return password.startsWith("{") ? password : encoder.encode(password);
    }
}
