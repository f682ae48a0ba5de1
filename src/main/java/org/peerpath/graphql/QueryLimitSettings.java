package org.peerpath.graphql;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How large a GraphQL query may be before it is refused unexecuted ({@code QUERY_TOO_COMPLEX}; README, Limits).
 *
 * @param maxDepth the deepest nesting of fields
 * @param maxComplexity the most fields in one query, counted through fragments
 */
@Validated
@ConfigurationProperties("peerpath.graphql")
public record QueryLimitSettings(
        @DefaultValue("12") @Min(2) @Max(50) int maxDepth,
        @DefaultValue("400") @Min(10) @Max(100_000) int maxComplexity) {
}
