package org.peerpath.security;

import java.net.URI;
import java.net.URISyntaxException;

import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who may sign in outside demo mode (README, Configuration): Firebase ID tokens of a project, or the tokens of any
 * OIDC issuer for PeerPath's audience. With a real database and neither, the service refuses to start
 * ({@link SecurityConfiguration}).
 *
 * @param firebaseProjectId the Firebase project whose ID tokens are accepted (FIREBASE_PROJECT_ID)
 * @param oidcIssuerUri an OIDC issuer whose tokens are accepted (PEERPATH_OIDC_ISSUER_URI); its discovery
 *        document and keys are fetched on first use
 * @param oidcAudience the audience (client id) that issuer puts in PeerPath's tokens (PEERPATH_OIDC_AUDIENCE);
 *        required with an issuer
 */
@Validated
@ConfigurationProperties("peerpath.identity")
public record IdentitySettings(
        @DefaultValue("") @Pattern(regexp = "|([a-z0-9.-]+:)?[a-z][a-z0-9-]{4,28}[a-z0-9]",
                message = "must be a Firebase project id: 6 to 30 lowercase letters, digits or hyphens, starting with "
                        + "a letter") String firebaseProjectId,
        @DefaultValue("") String oidcIssuerUri,
        @DefaultValue("") String oidcAudience) {

    public IdentitySettings {
        if (!oidcIssuerUri.isBlank()) {
            if (!isHttpUrl(oidcIssuerUri)) {
                throw new IllegalArgumentException("PEERPATH_OIDC_ISSUER_URI must be the issuer's https URL, as in "
                        + "its tokens' iss claim (without /.well-known/openid-configuration)");
            }
            if (oidcAudience.isBlank()) {
                throw new IllegalArgumentException("PEERPATH_OIDC_ISSUER_URI is set but PEERPATH_OIDC_AUDIENCE is "
                        + "not. Set it to the audience (client id) the issuer puts in PeerPath's tokens: without it, "
                        + "a token the issuer minted for any other application would be accepted.");
            }
        }
    }

    private static boolean isHttpUrl(String value) {
        try {
            URI uri = new URI(value);
            return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null
                    && uri.getQuery() == null && uri.getFragment() == null;
        }
        catch (URISyntaxException ex) {
            return false;
        }
    }
}
