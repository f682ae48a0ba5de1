package org.peerpath.security;

import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Per-instance token buckets (README, Limits). A signed-in user may send {@code userBurst} requests at once and
 * {@code userPerMinute} a minute after that; the demo sign-in, which needs no token, is limited per client address.
 * Each instance counts on its own: behind a load balancer of n instances a user gets up to n times the figures.
 *
 * @param enabled off only for an operator who limits requests in front of the service
 * @param userBurst requests a signed-in user may send at once (a phone opening a screen sends a handful)
 * @param userPerMinute requests a signed-in user may send per minute, sustained
 * @param demoSignInBurst demo tokens one address may ask for at once
 * @param demoSignInPerMinute demo tokens one address may ask for per minute, sustained
 */
@Validated
@ConfigurationProperties("peerpath.rate-limit")
public record RateLimitSettings(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("60") @Positive int userBurst,
        @DefaultValue("300") @Positive int userPerMinute,
        @DefaultValue("10") @Positive int demoSignInBurst,
        @DefaultValue("20") @Positive int demoSignInPerMinute) {
}
