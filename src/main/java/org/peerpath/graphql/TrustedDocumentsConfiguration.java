package org.peerpath.graphql;

import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Every GraphQL document goes through {@link TrustedDocuments} before it is parsed. */
@Configuration(proxyBeanMethods = false)
class TrustedDocumentsConfiguration {

    @Bean
    TrustedDocuments trustedDocuments(TrustedDocumentSettings settings) {
        return TrustedDocuments.fromClasspath(settings.trustedDocumentsOnly());
    }

    @Bean
    GraphQlSourceBuilderCustomizer trustedDocumentsOnly(TrustedDocuments trustedDocuments) {
        return builder -> builder.configureGraphQl(graphQl -> graphQl.preparsedDocumentProvider(trustedDocuments));
    }
}
