package org.peerpath.security;

import java.time.Clock;
import java.time.Duration;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;

/**
 * What every accepted token satisfies, whoever issued it: the trusted issuer, an audience naming this service
 * (a token minted for another application of the same issuer is refused), a subject, and an expiry that has
 * not passed. A token without {@code exp} would be valid forever, so it is refused.
 */
final class TokenRules {

    /**
     * How far the issuer's clock may be from ours. Small on purpose: it extends every token's life by as much.
     */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

    private TokenRules() {
    }

    /** "Now" is the service's clock, like everywhere else. */
    static OAuth2TokenValidator<Jwt> of(String issuer, String audience, Clock clock) {
        JwtTimestampValidator timestamps = new JwtTimestampValidator(CLOCK_SKEW);
        timestamps.setClock(clock);
        timestamps.setAllowEmptyExpiryClaim(false);
        OAuth2TokenValidator<Jwt> subject = new JwtClaimValidator<String>("sub", sub -> sub != null && !sub.isBlank());
        return new DelegatingOAuth2TokenValidator<>(timestamps, new JwtIssuerValidator(issuer),
                new JwtAudienceValidator(audience), subject);
    }
}
