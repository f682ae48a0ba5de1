package org.peerpath.security;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Which web origins may call the API from a browser (README, Limits). None by default: the phone apps are not
 * browsers and need no CORS; an agency's web front end is listed here by exact origin.
 *
 * @param allowedOrigins exact origins such as {@code https://app.example.org}; no wildcards
 */
@Validated
@ConfigurationProperties("peerpath.cors")
public record CorsSettings(@DefaultValue List<String> allowedOrigins) {

    public CorsSettings {
        allowedOrigins = List.copyOf(allowedOrigins);
        for (String origin : allowedOrigins) {
            if (origin.contains("*") || !origin.matches("https?://[^/\\s]+")) {
                throw new IllegalArgumentException("peerpath.cors.allowed-origins: '" + origin
                        + "' is not an exact origin such as https://app.example.org (scheme and host, no path, "
                        + "no wildcard).");
            }
        }
    }
}
