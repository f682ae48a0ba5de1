package org.peerpath.security;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * Every request but the demo sign-in carries a bearer JWT. Which issuer is trusted depends on the mode:
 * the demo key in demo mode; Firebase ({@code FIREBASE_PROJECT_ID}) or a generic OIDC issuer
 * ({@code PEERPATH_OIDC_ISSUER_URI}) with a real database. A real database with neither refuses to start:
 * health data is never served without authentication.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

    static final String FIREBASE_JWKS =
            "https://www.googleapis.com/service_accounts/v1/jwk/securetoken@system.gserviceaccount.com";

    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    SecurityFilterChain api(HttpSecurity http, JwtDecoder decoder,
            Converter<Jwt, ? extends AbstractAuthenticationToken> viewers, RequestRateLimits rateLimits,
            CorsSettings cors) throws Exception {
        SignInRequired signInRequired = new SignInRequired();
        http.csrf(csrf -> csrf.disable())
                .cors(configurer -> configurer.configurationSource(corsConfiguration(cors)))
                .addFilterAfter(rateLimits, BearerTokenAuthenticationFilter.class)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.POST, "/auth/demo-token").permitAll()
                        .requestMatchers("/graphiql", "/graphiql/**", "/error").permitAll()
                        // Probes for load balancers and orchestrators: status only, no details, no token.
                        .requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/liveness",
                                "/actuator/health/readiness").permitAll()
                        // Metrics and every other endpoint: administrators only.
                        .requestMatchers("/actuator/**").hasRole(Role.ADMIN.name())
                        .anyRequest().authenticated())
                // 401 with WWW-Authenticate and a body a GraphQL client reads (UNAUTHENTICATED), whether the token
                // is missing (exception handling) or refused (the resource server).
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(signInRequired))
                .oauth2ResourceServer(server -> server.authenticationEntryPoint(signInRequired)
                        .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(viewers)));
        return http.build();
    }

    @Bean
    RequestRateLimits requestRateLimits(RateLimitSettings settings, Clock clock, MeterRegistry meters) {
        return new RequestRateLimits(settings, clock, meters);
    }

    /** The limits run inside the security chain (they need the signed-in person), not as a servlet filter too. */
    @Bean
    FilterRegistrationBean<RequestRateLimits> rateLimitsOnlyInTheSecurityChain(RequestRateLimits limits) {
        FilterRegistrationBean<RequestRateLimits> registration = new FilterRegistrationBean<>(limits);
        registration.setEnabled(false);
        return registration;
    }

    /**
     * Browsers may call from the configured origins only; a preflight from any other origin gets 403. Preflights
     * carry no token, so they are answered before authentication.
     */
    static CorsConfigurationSource corsConfiguration(CorsSettings settings) {
        CorsConfiguration configuration = new CorsConfiguration();
        configuration.setAllowedOrigins(settings.allowedOrigins());
        configuration.setAllowedMethods(List.of("GET", "POST"));
        configuration.setAllowedHeaders(List.of("Authorization", "Content-Type", "X-Request-Id"));
        configuration.setExposedHeaders(List.of("X-Request-Id", "Retry-After"));
        configuration.setMaxAge(Duration.ofHours(1));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", configuration);
        return source;
    }

    @Bean
    JwtDecoder jwtDecoder(IdentitySettings identity, ObjectProvider<DemoTokens> demoTokens, Clock clock) {
        if (!identity.firebaseProjectId().isBlank()) {
            return firebase(identity.firebaseProjectId(), clock);
        }
        if (!identity.oidcIssuerUri().isBlank()) {
            return oidc(identity.oidcIssuerUri(), identity.oidcAudience(), clock); // with an audience: IdentitySettings
        }
        DemoTokens demo = demoTokens.getIfAvailable();
        if (demo != null) {
            return demo.decoder(clock);
        }
        throw new IllegalStateException("MONGODB_URI is set but no identity provider is configured. "
                + "Set FIREBASE_PROJECT_ID (Firebase ID tokens) or PEERPATH_OIDC_ISSUER_URI (an OIDC issuer): "
                + "PeerPath never serves a real database without authentication.");
    }

    /** Firebase ID tokens: Google's keys, issuer securetoken.google.com/project, audience the project. */
    static JwtDecoder firebase(String projectId, Clock clock) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(FIREBASE_JWKS).build();
        decoder.setJwtValidator(TokenRules.of("https://securetoken.google.com/" + projectId, projectId, clock));
        return decoder;
    }

    /**
     * Any OIDC issuer: its keys from its discovery document, resolved on first use so that a start does not
     * depend on the issuer being reachable.
     */
    static JwtDecoder oidc(String issuer, String audience, Clock clock) {
        return new SupplierJwtDecoder(() -> {
            NimbusJwtDecoder decoder = NimbusJwtDecoder.withIssuerLocation(issuer).build();
            decoder.setJwtValidator(TokenRules.of(issuer, audience, clock));
            return decoder;
        });
    }
}
