package org.peerpath.graphql;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How large a GraphQL query may be before it is refused unexecuted ({@code QUERY_TOO_COMPLEX}; README, Limits).
 *
 * @param maxDepth the deepest nesting of fields
 * @param maxComplexity the most fields in one query, counted through fragments
 * @param maxBodySize the largest request body accepted (HTTP 413 above it, unread); the default is twenty times the
 *     largest operation the apps send, with its variables
 */
@Validated
@ConfigurationProperties("peerpath.graphql")
public record QueryLimitSettings(
        @DefaultValue("12") @Min(2) @Max(50) int maxDepth,
        @DefaultValue("400") @Min(10) @Max(100_000) int maxComplexity,
        @DefaultValue("256KB") @NotNull DataSize maxBodySize) {

    public QueryLimitSettings {
        if (maxBodySize != null && (maxBodySize.toBytes() < 1024 || maxBodySize.toBytes() > 16L * 1024 * 1024)) {
            throw new IllegalArgumentException("peerpath.graphql.max-body-size must be between 1KB and 16MB, not "
                    + maxBodySize.toBytes() + " bytes.");
        }
    }
}
