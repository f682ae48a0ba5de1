package org.peerpath.graphql;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.ClassPathResource;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import org.peerpath.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peerpath.GraphQlErrorAssertions.expectError;

/**
 * In demo mode the standard introspection query (graphql-js {@code getIntrospectionQuery()}, depth 15, as sent by
 * GraphiQL and schema tools, committed under src/test/resources/introspection) reads the whole schema despite
 * the depth limit of 12 (issue 14); everything else keeps the limit, and graphql-java's good-faith check still
 * refuses abusive introspection. Production refuses introspection altogether (OidcTokenTest).
 */
class IntrospectionTest extends IntegrationTest {

    @Test
    void theStandardIntrospectionQueryReadsTheWholeSchema() throws IOException {
        for (String file : new String[] {"graphql-js-default.graphql", "graphql-js-all-options.graphql"}) {
            GraphQlTester.Response response = readingTheSchema("coach.mi").document(resource(file)).execute();
            response.errors().verify();
            response.path("__schema.queryType.name").entity(String.class).isEqualTo("Query");
            response.path("__schema.mutationType.name").entity(String.class).isEqualTo("Mutation");
            List<Map<String, Object>> types = response.path("__schema.types")
                    .entity(new ParameterizedTypeReference<List<Map<String, Object>>>() {
                    }).get();
            assertThat(types).extracting(type -> type.get("name"))
                    .as(file).contains("Enrollee", "StaffMember", "Contact", "Consent", "RecoveryPlan", "Date");
        }
    }

    @Test
    void anyRoleMayReadTheSchemaInDemoMode() throws IOException {
        readingTheSchema("enrollee.mi").document(resource("graphql-js-default.graphql")).execute().errors().verify()
                .path("__schema.types").entityList(Object.class).hasSizeGreaterThan(50);
    }

    @Test
    void aQueryMixingSchemaAndDataFieldsKeepsTheDepthLimit() {
        String deepType = "ofType { ".repeat(12) + "name" + " }".repeat(12);
        expectError(coach("coach.mi").document("{ me { id } __type(name: \"Enrollee\") { fields { type { " + deepType
                + " } } } }").execute(), "QUERY_TOO_COMPLEX");
        // The same introspection alone is allowed.
        coach("coach.mi").document("{ __type(name: \"Enrollee\") { fields { type { " + deepType + " } } } }")
                .execute().errors().verify();
    }

    @Test
    void dataQueriesKeepTheDepthLimitEvenThroughFragments() {
        String nested = "supervisor { ".repeat(14) + "id" + " }".repeat(14);
        expectError(supervisor("supervisor.mi").document("query { ...Deep } fragment Deep on Query { __typename "
                + "staffMembers { edges { node { " + nested + " } } } }").execute(), "QUERY_TOO_COMPLEX");
    }

    @Test
    void abusiveIntrospectionIsStillRefused() {
        // Deeper than graphql-java's good-faith bound of 20.
        String tooDeep = "ofType { ".repeat(25) + "name" + " }".repeat(25);
        expectError(coach("coach.mi").document("{ __type(name: \"Enrollee\") { " + tooDeep + " } }").execute(),
                "VALIDATION");
        // The classic cycle: fields of the types of fields, more than once.
        expectError(coach("coach.mi").document("{ __schema { types { fields { type { fields { type { fields "
                + "{ name } } } } } } } }").execute(), "VALIDATION");
    }

    /**
     * A tester signed in as {@code login} that takes answers of any size: the whole schema with its descriptions
     * is more than the test client's default buffer of 256 KB (browsers and tools have no such bound).
     */
    private HttpGraphQlTester readingTheSchema(String login) {
        return HttpGraphQlTester.builder(client().codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(16 << 20))
                .defaultHeader("Authorization", "Bearer " + token(login))).responseTimeout(RESPONSE_TIMEOUT).build();
    }

    private static String resource(String name) throws IOException {
        return new ClassPathResource("introspection/" + name).getContentAsString(StandardCharsets.UTF_8);
    }
}
