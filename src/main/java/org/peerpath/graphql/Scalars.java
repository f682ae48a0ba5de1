package org.peerpath.graphql;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.function.Function;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The {@code Date} (a calendar date) and {@code DateTime} (an instant in UTC) scalars, as ISO-8601 strings. */
@Configuration(proxyBeanMethods = false)
class Scalars {

    @Bean
    GraphQlSourceBuilderCustomizer scalarTypes() {
        GraphQLScalarType date = scalar("Date", "a date such as 2026-11-23", LocalDate.class, Dates::date);
        GraphQLScalarType dateTime = scalar("DateTime", "an instant such as 2026-11-23T14:05:00Z", Instant.class,
                Dates::instant);
        return builder -> builder.configureRuntimeWiring(wiring -> wiring.scalar(date).scalar(dateTime));
    }

    private static <T> GraphQLScalarType scalar(String name, String example, Class<T> type, Function<String, T> parse) {
        return GraphQLScalarType.newScalar().name(name).coercing(new Coercing<T, String>() {
            @Override
            public String serialize(Object value, GraphQLContext context, Locale locale) {
                if (type.isInstance(value)) {
                    return value.toString();
                }
                throw new CoercingSerializeException(name + " expected, got " + value.getClass().getSimpleName());
            }

            @Override
            public T parseValue(Object input, GraphQLContext context, Locale locale) {
                if (input instanceof String text) {
                    return parseOrReject(text, CoercingParseValueException::new);
                }
                throw new CoercingParseValueException(name + " must be a string, " + example);
            }

            @Override
            public T parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
                if (input instanceof StringValue text) {
                    return parseOrReject(text.getValue(), CoercingParseLiteralException::new);
                }
                throw new CoercingParseLiteralException(name + " must be a string, " + example);
            }

            private <E extends RuntimeException> T parseOrReject(String text, Function<String, E> failure) {
                try {
                    return parse.apply(text);
                }
                catch (DateTimeParseException ex) {
                    throw failure.apply("'" + text + "' is not a valid " + name + ": expected " + example
                            + ", with a four-digit year.");
                }
            }
        }).build();
    }
}
