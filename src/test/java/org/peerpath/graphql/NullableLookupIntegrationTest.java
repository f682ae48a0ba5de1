package org.peerpath.graphql;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.ResponseError;

import org.peerpath.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peerpath.demo.DemoData.id;

/**
 * One missing record no longer blanks the whole answer (issue 14): single-record lookups are nullable, so a
 * lookup of an unknown id, or of a record the caller may not see, answers null with a NOT_FOUND error at its own
 * path and the sibling fields (here {@code me}) survive. Lists and connections stay non-null.
 */
class NullableLookupIntegrationTest extends IntegrationTest {

    private static final String UNKNOWN = UUID.randomUUID().toString();

    /** Every single-record lookup of the root, with the arguments that name an unknown record. */
    private static final Map<String, String> LOOKUPS = Map.of(
            "enrollee", "enrollee(id: \"" + UNKNOWN + "\") { id }",
            "contact", "contact(id: \"" + UNKNOWN + "\") { id }",
            "outreachTask", "outreachTask(id: \"" + UNKNOWN + "\") { id }",
            "engagement", "engagement(enrolleeId: \"" + UNKNOWN + "\") { status }",
            "unitUsage", "unitUsage(enrolleeId: \"" + UNKNOWN + "\") { enrolleeId }",
            "mayContact", "mayContact(enrolleeId: \"" + UNKNOWN + "\", recipientName: \"Pat\") { allowed }",
            "consentStatus", "consentStatus(consentId: \"" + UNKNOWN + "\")",
            "recoveryPlan", "recoveryPlan(enrolleeId: \"" + UNKNOWN + "\") { id }");

    @Test
    void anUnknownRecordIsNullWithNotFoundAtItsPathAndMeSurvives() {
        String query = "{ me { id displayName } " + String.join(" ", LOOKUPS.values()) + " }";
        var response = coach("coach.mi").document(query).execute();
        response.errors().satisfy(errors -> {
            assertThat(errors).extracting(ResponseError::getPath).containsExactlyInAnyOrderElementsOf(LOOKUPS.keySet());
            assertThat(errors).allSatisfy(error -> assertThat(error.getExtensions().get("code")).as(error.getPath())
                    .isEqualTo("NOT_FOUND"));
        });
        response.path("me.id").entity(String.class).isEqualTo(id("coach.mi"));
        for (String field : LOOKUPS.keySet()) {
            response.path(field).valueIsNull();
        }
    }

    @Test
    void aRecordTheCallerMayNotSeeIsNullWithTheSameErrorAsAnUnknownOne() {
        String indianaClient = id("enrollee.in.0");
        var seen = coach("coach.mi").document("{ me { displayName } known: enrollee(id: \"" + indianaClient
                + "\") { id } unknown: enrollee(id: \"" + UNKNOWN + "\") { id } }").execute();
        seen.errors().satisfy(errors -> {
            assertThat(errors).extracting(ResponseError::getPath).containsExactlyInAnyOrder("known", "unknown");
            assertThat(errors).extracting(error -> error.getExtensions().get("code")).containsOnly("NOT_FOUND");
            assertThat(errors.get(0).getMessage().replace(indianaClient, "ID").replace(UNKNOWN, "ID"))
                    .isEqualTo(errors.get(1).getMessage().replace(indianaClient, "ID").replace(UNKNOWN, "ID"));
        });
        seen.path("me.displayName").hasValue().path("known").valueIsNull().path("unknown").valueIsNull();
    }

    @Test
    void aSupervisorsStaffLookupIsNullableToo() {
        supervisor("supervisor.mi").document("{ me { id } staffMember(id: \"" + UNKNOWN + "\") { id } }").execute()
                .errors().satisfy(errors -> {
                    assertThat(errors).extracting(ResponseError::getPath).containsExactly("staffMember");
                    assertThat(errors.get(0).getExtensions().get("code")).isEqualTo("NOT_FOUND");
                })
                .path("me.id").entity(String.class).isEqualTo(id("supervisor.mi"))
                .path("staffMember").valueIsNull();
    }

    /** The schema itself: lists and connections of the root are never null; single lookups never non-null. */
    @Test
    void listsAndConnectionsStayNonNullAndLookupsByIdAreNullable() {
        List<GraphQLFieldDefinition> fields = SchemaDescriptionTest.schema().getQueryType().getFieldDefinitions();
        for (GraphQLFieldDefinition field : fields) {
            GraphQLType type = field.getType();
            GraphQLType inner = GraphQLTypeUtil.unwrapNonNull(type);
            boolean many = inner instanceof GraphQLList
                    || ((GraphQLNamedType) inner).getName().endsWith("Connection");
            if (many) {
                assertThat(type).as(field.getName()).isInstanceOf(GraphQLNonNull.class);
            }
            else if (LOOKUPS.containsKey(field.getName()) || field.getName().equals("staffMember")) {
                assertThat(type).as(field.getName()).isNotInstanceOf(GraphQLNonNull.class);
            }
        }
    }
}
