package org.peerpath.graphql;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Every GraphQL document goes through {@link TrustedDocuments} before it is parsed. */
@Configuration(proxyBeanMethods = false)
class TrustedDocumentsConfiguration {

    @Bean
    TrustedDocuments trustedDocuments(@Value("${peerpath.graphql.trusted-documents-only}") boolean enforced) {
        return TrustedDocuments.fromClasspath(enforced);
    }

    @Bean
    GraphQlSourceBuilderCustomizer trustedDocumentsOnly(TrustedDocuments trustedDocuments) {
        return builder -> builder.configureGraphQl(graphQl -> graphQl.preparsedDocumentProvider(trustedDocuments));
    }
}
