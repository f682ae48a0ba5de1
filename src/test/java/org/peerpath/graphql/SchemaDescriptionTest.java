package org.peerpath.graphql;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import graphql.language.DescribedNode;
import graphql.language.Description;
import graphql.language.Node;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLEnumValueDefinition;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLInterfaceType;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLUnionType;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.schema.idl.UnExecutableSchemaGenerator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A schema that explains itself (issue 14): every type, field, argument, enum value and input field in graphql/
 * has a description, written as a block string ({@code """ ... """}), so GraphiQL's documentation, the phone
 * developers' tooling and graphql-eslint's {@code require-description} find one everywhere. A new element without
 * one fails here, named by its coordinate ({@code Contact.signer}, {@code Query.contact(id:)}).
 */
class SchemaDescriptionTest {

    /** graphql-java's own scalars: described by the GraphQL specification, not by us. */
    private static final Set<String> BUILT_IN = Set.of("String", "Int", "Float", "Boolean", "ID");

    @Test
    void everyElementOfTheSchemaHasABlockStringDescription() {
        List<String> missing = new ArrayList<>();
        for (GraphQLNamedType type : schema().getAllTypesAsList()) {
            String name = type.getName();
            if (name.startsWith("__") || BUILT_IN.contains(name)) {
                continue;
            }
            check(missing, name, type.getDefinition());
            if (type instanceof GraphQLObjectType object) {
                fields(missing, name, object.getFieldDefinitions());
            }
            else if (type instanceof GraphQLInterfaceType contract) {
                fields(missing, name, contract.getFieldDefinitions());
            }
            else if (type instanceof GraphQLInputObjectType input) {
                for (GraphQLInputObjectField field : input.getFieldDefinitions()) {
                    check(missing, name + "." + field.getName(), field.getDefinition());
                }
            }
            else if (type instanceof GraphQLEnumType enumeration) {
                for (GraphQLEnumValueDefinition value : enumeration.getValues()) {
                    check(missing, name + "." + value.getName(), value.getDefinition());
                }
            }
            else if (!(type instanceof GraphQLScalarType) && !(type instanceof GraphQLUnionType)) {
                throw new IllegalStateException("A kind of type this test does not know yet: " + name);
            }
        }
        assertThat(missing).as("Elements of graphql/*.graphqls without a \"\"\" block string description \"\"\" ("
                + missing.size() + ")").isEmpty();
    }

    private static void fields(List<String> missing, String typeName, List<GraphQLFieldDefinition> fields) {
        for (GraphQLFieldDefinition field : fields) {
            String coordinate = typeName + "." + field.getName();
            check(missing, coordinate, field.getDefinition());
            for (GraphQLArgument argument : field.getArguments()) {
                check(missing, coordinate + "(" + argument.getName() + ":)", argument.getDefinition());
            }
        }
    }

    private static void check(List<String> missing, String coordinate, Node<?> definition) {
        Description description = description(definition);
        if (description == null || description.getContent() == null || description.getContent().isBlank()) {
            missing.add(coordinate);
        }
        else if (!description.isMultiLine()) {
            missing.add(coordinate + " (a \"quoted\" description: write it as a \"\"\" block string \"\"\")");
        }
    }

    private static Description description(Node<?> definition) {
        if (definition instanceof DescribedNode<?> described) {
            return described.getDescription();
        }
        return null;
    }

    static GraphQLSchema schema() {
        TypeDefinitionRegistry registry = new TypeDefinitionRegistry();
        try (Stream<Path> files = Files.list(Path.of("graphql"))) {
            files.filter(file -> file.toString().endsWith(".graphqls")).sorted()
                    .forEach(file -> registry.merge(new SchemaParser().parse(read(file))));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return UnExecutableSchemaGenerator.makeUnExecutableSchema(registry);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
