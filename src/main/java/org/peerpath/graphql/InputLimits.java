package org.peerpath.graphql;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import graphql.ExecutionResult;
import graphql.GraphqlErrorBuilder;
import org.springframework.graphql.ExecutionGraphQlResponse;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.support.DefaultExecutionGraphQlResponse;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Bounds on every request before it runs, so one request cannot occupy the service: the document's length,
 * and every string sent as a variable (at most {@value #MAX_STRING} characters, five times the longest text any
 * field takes, a contact's narrative, so that a field's own check still answers with every problem of an input;
 * never a NUL character, which no text has and the database refuses). Fields keep their own maxima (names 100,
 * notes 500 to 2000, narratives 10,000, search 100), checked where they are used.
 */
@Component
class InputLimits implements WebGraphQlInterceptor {

    /** The phone's operations are a few hundred characters; GraphiQL's introspection query about 2,500. */
    static final int MAX_DOCUMENT = 20_000;
    static final int MAX_STRING = 50_000;

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        String problem = request.getDocument().length() > MAX_DOCUMENT
                ? "The request document must be at most " + MAX_DOCUMENT + " characters."
                : problemIn(request.getVariables());
        if (problem == null) {
            return chain.next(request);
        }
        ExecutionResult refused = ExecutionResult.newExecutionResult().addError(GraphqlErrorBuilder.newError()
                .message(problem).errorType(ErrorType.BAD_REQUEST)
                .extensions(Map.of("code", ErrorCode.VALIDATION.name(), "problems", List.of(problem))).build())
                .build();
        ExecutionGraphQlResponse response = new DefaultExecutionGraphQlResponse(request.toExecutionInput(), refused);
        return Mono.just(new WebGraphQlResponse(response));
    }

    private static String problemIn(Object value) {
        if (value instanceof CharSequence text) {
            if (text.length() > MAX_STRING) {
                return "Every text must be at most " + MAX_STRING + " characters.";
            }
            if (text.chars().anyMatch(c -> c == 0)) {
                return "Text must not contain NUL characters.";
            }
        }
        else if (value instanceof Map<?, ?> map) {
            for (Object element : map.values()) {
                String problem = problemIn(element);
                if (problem != null) {
                    return problem;
                }
            }
        }
        else if (value instanceof Collection<?> elements) {
            for (Object element : elements) {
                String problem = problemIn(element);
                if (problem != null) {
                    return problem;
                }
            }
        }
        return null;
    }
}
