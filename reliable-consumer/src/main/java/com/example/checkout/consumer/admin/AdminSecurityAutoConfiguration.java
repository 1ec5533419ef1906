package com.example.checkout.consumer.admin;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The admin endpoints ({@code /dlt/**}) need the {@code checkout.admin.*} login over HTTP Basic; everything else is
 * open: the shopper API ({@code POST /checkout}, {@code GET /orders/**}, the catalog), the read-only views and
 * {@code /actuator/health} and {@code /actuator/prometheus}, which probes and Prometheus reach without a login.
 *
 * <p>An auto-configuration rather than part of {@code @EnableReliableConsumer}: with Spring Security on the
 * classpath Boot would otherwise lock every endpoint of every application in the JVM behind a generated password
 * (the local demo and the system tests run the relay and the console next to the consumers). Before Boot's own
 * security auto-configurations, which back off once this chain and user exist.
 *
 * <p>CSRF protection is off: it defends cookie sessions, and these are stateless APIs called by the console's server
 * and scripts with an explicit Authorization header, never with a session (none is created). A browser that cached
 * the Basic login could still be made to post {@code /dlt/replay} cross-site; that replays parked records through
 * the idempotent path, which an operator would do anyway.
 */
@AutoConfiguration(before = {ServletWebSecurityAutoConfiguration.class, ManagementWebSecurityAutoConfiguration.class,
        UserDetailsServiceAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(SecurityFilterChain.class)
@EnableConfigurationProperties(AdminProperties.class)
public class AdminSecurityAutoConfiguration {

    /** The admin endpoints. */
    public static final String[] ADMIN_PATHS = {"/dlt", "/dlt/**"};

    @Bean
    SecurityFilterChain adminEndpointsSecurity(HttpSecurity http) {
        ProblemAuthenticationEntryPoint unauthorized = new ProblemAuthenticationEntryPoint();
        // Only the admin paths pass through this chain: every other request (a checkout, a scrape) skips Spring
        // Security altogether, so a client that sends its Authorization header everywhere pays no bcrypt for it.
        return http
                .securityMatcher(ADMIN_PATHS)
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .httpBasic(basic -> basic.realmName(ProblemAuthenticationEntryPoint.REALM)
                        .authenticationEntryPoint(unauthorized))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(unauthorized))
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .build();
    }

    /**
     * No spans or timers from Spring Security: its filter chain's observations would sit between every request's
     * server span and the application's own spans (the checkout's outbox write), in every trace of the system,
     * while only {@code /dlt} requests are checked at all.
     */
    @Bean
    SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    UserDetailsService adminUser(AdminProperties admin) {
        return new InMemoryUserDetailsManager(User.withUsername(admin.username())
                .password(PasswordEncoderFactories.createDelegatingPasswordEncoder().encode(admin.password()))
                .roles("ADMIN").build());
    }
}
