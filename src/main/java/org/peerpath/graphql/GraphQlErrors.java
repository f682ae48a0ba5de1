package org.peerpath.graphql;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import graphql.ErrorClassification;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The one place where failures become GraphQL errors. Every error leaves with a stable
 * {@code extensions.code}; no stack trace or class name ever reaches a client.
 */
final class GraphQlErrors {

    private GraphQlErrors() {
    }

    /** Exceptions thrown by data fetchers. */
    @Component
    static class ExceptionResolver extends DataFetcherExceptionResolverAdapter {

        private static final Logger log = LoggerFactory.getLogger(ExceptionResolver.class);

        @Override
        protected GraphQLError resolveToSingleError(Throwable ex, DataFetchingEnvironment env) {
            if (ex instanceof DomainException domain) {
                Map<String, Object> extensions = new LinkedHashMap<>(domain.details());
                extensions.put("code", domain.code().name());
                return GraphqlErrorBuilder.newError(env)
                        .errorType(classification(domain.code()))
                        .message(domain.getMessage())
                        .extensions(extensions)
                        .build();
            }
            if (ex instanceof AccessDeniedException) {
                return error(env, ErrorCode.FORBIDDEN, "You may not perform this operation.");
            }
            if (ex instanceof AuthenticationException) {
                return error(env, ErrorCode.UNAUTHENTICATED, "Sign in first.");
            }
            String incident = UUID.randomUUID().toString();
            log.error("Unexpected failure in {} (incident {})", env.getField().getName(), incident, ex);
            return error(env, ErrorCode.INTERNAL, "Something went wrong on our side (incident " + incident + ").");
        }

        private static GraphQLError error(DataFetchingEnvironment env, ErrorCode code, String message) {
            return GraphqlErrorBuilder.newError(env)
                    .errorType(classification(code))
                    .message(message)
                    .extensions(Map.of("code", code.name()))
                    .build();
        }

        private static ErrorClassification classification(ErrorCode code) {
            return switch (code) {
                case VALIDATION, QUERY_TOO_COMPLEX, CONFLICT, RATE_LIMITED -> ErrorType.BAD_REQUEST;
                case NOT_FOUND -> ErrorType.NOT_FOUND;
                case FORBIDDEN -> ErrorType.FORBIDDEN;
                case UNAUTHENTICATED -> ErrorType.UNAUTHORIZED;
                case INTERNAL -> ErrorType.INTERNAL_ERROR;
            };
        }
    }

    /**
     * Errors raised by graphql-java itself before any data fetcher runs (syntax, unknown field or enum value,
     * scalar coercion, query limits) carry only a classification; give them a stable code too.
     */
    @Component
    static class CodeInterceptor implements WebGraphQlInterceptor {

        @Override
        public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
            String requestId = RequestIds.of(request.getAttributes());
            return chain.next(request).map(response -> {
                if (response.getErrors().isEmpty()) {
                    return response;
                }
                return response.transform(builder -> builder.errors(response.getErrors().stream()
                        .map(error -> withCode(error, requestId))
                        .toList()));
            });
        }

        private static GraphQLError withCode(org.springframework.graphql.ResponseError error, String requestId) {
            Map<String, Object> extensions = new LinkedHashMap<>(error.getExtensions());
            if (!extensions.containsKey("code")) {
                extensions.put("code", codeFor(error.getErrorType()).name());
            }
            if (requestId != null) {
                extensions.put("requestId", requestId); // the log lines of this request carry the same id
            }
            return GraphqlErrorBuilder.newError()
                    .message(error.getMessage())
                    .locations(error.getLocations())
                    .path(error.getParsedPath())
                    .errorType(error.getErrorType())
                    .extensions(extensions)
                    .build();
        }

        /**
         * An error without a code was raised before or around execution by graphql-java itself: a request the
         * client got wrong (syntax, validation, coercion, refused introspection such as {@code
         * BadFaithIntrospection} or {@code IntrospectionDisabled}) unless graphql-java says it failed itself.
         */
        private static ErrorCode codeFor(ErrorClassification type) {
            if (type == graphql.ErrorType.ExecutionAborted) {
                return ErrorCode.QUERY_TOO_COMPLEX;
            }
            if (type == graphql.ErrorType.DataFetchingException || type == ErrorType.INTERNAL_ERROR) {
                return ErrorCode.INTERNAL;
            }
            return ErrorCode.VALIDATION;
        }
    }
}
