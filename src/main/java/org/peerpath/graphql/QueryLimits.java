package org.peerpath.graphql;

import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Rejects abusive queries before they touch the database. */
@Configuration(proxyBeanMethods = false)
class QueryLimits {

    @Bean
    MaxQueryDepthInstrumentation maxQueryDepth(@Value("${peerpath.graphql.max-depth:12}") int maxDepth) {
        return new MaxQueryDepthInstrumentation(maxDepth);
    }

    @Bean
    MaxQueryComplexityInstrumentation maxQueryComplexity(
            @Value("${peerpath.graphql.max-complexity:400}") int maxComplexity) {
        return new MaxQueryComplexityInstrumentation(maxComplexity);
    }
}
