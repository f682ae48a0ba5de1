package org.peerpath.graphql;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Whether only the apps' operations run (README, Trusted documents). Unset, it follows the mode: {@code true} with a
 * real database, {@code false} in demo mode ({@code database.DemoModeDefaults}).
 *
 * @param trustedDocumentsOnly run only the documents of mobile-contract/; {@code false} lets an operator send ad-hoc
 *     queries (the start-up log warns)
 */
@Validated
@ConfigurationProperties("peerpath.graphql")
public record TrustedDocumentSettings(boolean trustedDocumentsOnly) {
}
