package org.peerpath.graphql;

import java.util.List;
import java.util.Map;

import graphql.ExecutionResult;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.introspection.Introspection;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import org.springframework.boot.graphql.autoconfigure.GraphQlProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Rejects abusive queries before they touch the database: deeper than {@code peerpath.graphql.max-depth} or
 * more complex than {@code peerpath.graphql.max-complexity}.
 *
 * <p>Where introspection is on (demo mode only; production turns it off), an operation that asks for nothing
 * but the schema ({@code __schema}, {@code __type}, {@code __typename}) is exempt from the depth limit: the
 * standard introspection query of graphql-js 16 and 17 ({@code getIntrospectionQuery()}, sent by GraphiQL and
 * every tool that reads a schema) nests {@code ofType} nine times, to depth 15. Such an operation reads no data,
 * stays under the complexity limit (about 220 fields), and graphql-java's own good-faith check still bounds it
 * (each of {@code __schema}, {@code __type}, {@code __Type.fields} and the like at most once, depth 20, 500
 * fields). An operation that mixes schema and data fields obeys the depth limit like any other.
 */
@Configuration(proxyBeanMethods = false)
class QueryLimits {

    @Bean
    MaxQueryDepthInstrumentation maxQueryDepth(QueryLimitSettings limits, GraphQlProperties graphQl) {
        boolean introspection = graphQl.getSchema().getIntrospection().isEnabled();
        return new MaxQueryDepthInstrumentation(limits.maxDepth()) {
            @Override
            public InstrumentationContext<ExecutionResult> beginExecuteOperation(
                    InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
                return introspection && asksOnlyForTheSchema(parameters.getExecutionContext())
                        ? SimpleInstrumentationContext.noOp() : super.beginExecuteOperation(parameters, state);
            }
        };
    }

    @Bean
    MaxQueryComplexityInstrumentation maxQueryComplexity(QueryLimitSettings limits) {
        return new MaxQueryComplexityInstrumentation(limits.maxComplexity());
    }

    /** Whether every root field of the operation (through fragments) is a schema field. */
    static boolean asksOnlyForTheSchema(ExecutionContext execution) {
        return onlySchemaFields(execution.getOperationDefinition().getSelectionSet(), execution.getFragmentsByName(),
                0);
    }

    private static boolean onlySchemaFields(SelectionSet selections, Map<String, FragmentDefinition> fragments,
            int fragmentDepth) {
        if (selections == null || fragmentDepth > fragments.size()) {
            return false; // a fragment cycle: validation refuses it anyway
        }
        List<Selection> all = selections.getSelections();
        for (Selection<?> selection : all) {
            boolean schemaOnly;
            if (selection instanceof Field field) {
                schemaOnly = Introspection.SchemaMetaFieldDef.getName().equals(field.getName())
                        || Introspection.TypeMetaFieldDef.getName().equals(field.getName())
                        || Introspection.TypeNameMetaFieldDef.getName().equals(field.getName());
            }
            else if (selection instanceof InlineFragment inline) {
                schemaOnly = onlySchemaFields(inline.getSelectionSet(), fragments, fragmentDepth + 1);
            }
            else if (selection instanceof FragmentSpread spread && fragments.get(spread.getName()) != null) {
                schemaOnly = onlySchemaFields(fragments.get(spread.getName()).getSelectionSet(), fragments,
                        fragmentDepth + 1);
            }
            else {
                schemaOnly = false;
            }
            if (!schemaOnly) {
                return false;
            }
        }
        return !all.isEmpty();
    }
}
