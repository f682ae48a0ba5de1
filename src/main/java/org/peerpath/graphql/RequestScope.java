package org.peerpath.graphql;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import graphql.ExecutionResult;
import graphql.ExecutionResultImpl;
import graphql.GraphQLContext;
import graphql.GraphqlErrorBuilder;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.language.OperationDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * What one GraphQL query remembers while it runs (issue 16): features keep a part here, e.g. the enrollee records
 * already read for the access check, or the audit events still to write, so several fields reading the same record
 * in one request check and audit it once. Only a query opens its scope: a mutation changes records between its
 * fields, so it reads afresh every time, as do jobs.
 *
 * <p>The scope travels with the signed-in person ({@link Holder}: the principal, made anew for every request from
 * its token), which every field already receives, whatever thread runs it. Not a thread-local: a controller
 * method whose arguments resolve asynchronously (the principal does) runs when Spring for GraphQL subscribes to
 * it, outside the data fetcher's restored thread-locals, and would not see one.
 */
public final class RequestScope {

    private static final Logger LOG = LoggerFactory.getLogger(RequestScope.class);

    static final String KEY = RequestScope.class.getName();

    /** What carries a request's scope into every field: the signed-in person of the request. */
    public interface Holder {

        RequestScope requestScope();
    }

    /** A part with work to finish before the answer leaves, e.g. writing the request's audit events. */
    public interface BeforeAnswer {

        /** Runs once, after the last field and before the answer is sent; a failure withholds the answer. */
        void beforeAnswer();
    }

    private final AtomicBoolean open = new AtomicBoolean();

    private final Map<Class<?>, Object> parts = new ConcurrentHashMap<>();

    /** A closed scope, for a new signed-in person. */
    public RequestScope() {
    }

    /** This query's part of {@code type}, made by {@code create} on first use; empty outside a query. */
    public <T> Optional<T> part(Class<T> type, Supplier<T> create) {
        if (!open.get()) {
            return Optional.empty();
        }
        return Optional.of(type.cast(parts.computeIfAbsent(type, key -> create.get())));
    }

    /** Opens the scope for one query; false when it is open already (one holder in two queries at once). */
    boolean begin() {
        return open.compareAndSet(false, true);
    }

    /** Finishes every part that has work left and closes the scope, emptied, whether or not that work failed. */
    void finish() {
        try {
            for (Object part : List.copyOf(parts.values())) {
                if (part instanceof BeforeAnswer finishing) {
                    finishing.beforeAnswer();
                }
            }
        }
        finally {
            parts.clear();
            open.set(false);
        }
    }

    /** Opens the signed-in person's scope for each query (never a mutation or subscription) and finishes it. */
    @Component
    static class Queries extends SimplePerformantInstrumentation {

        @Override
        public InstrumentationContext<ExecutionResult> beginExecuteOperation(
                InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
            ExecutionContext execution = parameters.getExecutionContext();
            if (execution.getOperationDefinition().getOperation() == OperationDefinition.Operation.QUERY) {
                RequestScope scope = scopeOf(execution.getGraphQLContext());
                if (scope != null && scope.begin()) {
                    execution.getGraphQLContext().put(KEY, scope);
                }
            }
            return SimpleInstrumentationContext.noOp();
        }

        @Override
        public CompletableFuture<ExecutionResult> instrumentExecutionResult(ExecutionResult result,
                InstrumentationExecutionParameters parameters, InstrumentationState state) {
            RequestScope scope = parameters.getGraphQLContext().get(KEY);
            if (scope == null) {
                return CompletableFuture.completedFuture(result);
            }
            try {
                scope.finish();
                return CompletableFuture.completedFuture(result);
            }
            catch (RuntimeException ex) {
                // E.g. the request's audit events could not be written: no record leaves unaudited.
                LOG.error("A query's answer was withheld: finishing its request failed", ex);
                return CompletableFuture.completedFuture(ExecutionResultImpl.newExecutionResult()
                        .addError(GraphqlErrorBuilder.newError().errorType(ErrorType.INTERNAL_ERROR)
                                .message("The request could not be completed; nothing was returned.")
                                .extensions(Map.of("code", ErrorCode.INTERNAL.name())).build())
                        .build());
            }
        }

        /** The signed-in person's scope: from the security context Spring for GraphQL put in the request's. */
        private static RequestScope scopeOf(GraphQLContext context) {
            Object security = context.get(SecurityContext.class.getName());
            Authentication authentication = security instanceof SecurityContext captured
                    ? captured.getAuthentication() : SecurityContextHolder.getContext().getAuthentication();
            return authentication != null && authentication.getPrincipal() instanceof Holder holder
                    ? holder.requestScope() : null;
        }
    }
}
