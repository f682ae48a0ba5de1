package org.peerpath.security;

import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

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
            Converter<Jwt, ? extends AbstractAuthenticationToken> viewers) throws Exception {
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.POST, "/auth/demo-token").permitAll()
                        .requestMatchers("/graphiql", "/graphiql/**", "/error").permitAll()
                        .anyRequest().authenticated())
                .oauth2ResourceServer(server -> server.jwt(jwt -> jwt.decoder(decoder)
                        .jwtAuthenticationConverter(viewers)));
        return http.build();
    }

    @Bean
    JwtDecoder jwtDecoder(@Value("${peerpath.identity.firebase-project-id:}") String firebaseProjectId,
            @Value("${peerpath.identity.oidc-issuer-uri:}") String oidcIssuerUri,
            ObjectProvider<DemoTokens> demoTokens) {
        if (!firebaseProjectId.isBlank()) {
            return firebase(firebaseProjectId);
        }
        if (!oidcIssuerUri.isBlank()) {
            // Resolved on first use, so a start does not depend on the issuer being reachable.
            return new SupplierJwtDecoder(() -> JwtDecoders.fromIssuerLocation(oidcIssuerUri));
        }
        DemoTokens demo = demoTokens.getIfAvailable();
        if (demo != null) {
            return demo.decoder();
        }
        throw new IllegalStateException("MONGODB_URI is set but no identity provider is configured. "
                + "Set FIREBASE_PROJECT_ID (Firebase ID tokens) or PEERPATH_OIDC_ISSUER_URI (an OIDC issuer): "
                + "PeerPath never serves a real database without authentication.");
    }

    /** Firebase ID tokens: Google's keys, issuer securetoken.google.com/project, audience the project. */
    static JwtDecoder firebase(String projectId) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(FIREBASE_JWKS).build();
        OAuth2TokenValidator<Jwt> audience = new JwtClaimValidator<List<String>>("aud",
                aud -> aud != null && aud.contains(projectId));
        OAuth2TokenValidator<Jwt> subject = new JwtClaimValidator<String>("sub", sub -> sub != null && !sub.isBlank());
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer("https://securetoken.google.com/" + projectId), audience,
                subject));
        return decoder;
    }
}
