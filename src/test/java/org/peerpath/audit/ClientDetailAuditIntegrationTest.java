package org.peerpath.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import graphql.language.AstPrinter;
import graphql.language.OperationDefinition;
import graphql.language.SelectionSet;
import graphql.language.VariableDefinition;
import graphql.parser.Parser;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import org.peerpath.IntegrationTest;
import org.peerpath.audit.AuditEvent.Outcome;
import org.peerpath.consent.ConsentFixtures;
import org.peerpath.database.CommandCounter;
import org.peerpath.security.DemoTokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peerpath.demo.DemoData.id;

/**
 * One access check and one audit event per record per request (issue 16): the coach app's client-detail screen
 * (mobile-contract/coach/clientDetail: the enrollee, their plan, contacts and consents in one query) reads the
 * enrollee once for the access check and writes one event naming every field that read the record; denials are
 * audited each time; the caller's staff record is read afresh on every request. The trail is read from the
 * database directly, to count exactly what one request wrote.
 */
class ClientDetailAuditIntegrationTest extends IntegrationTest {

    private static final String FIELDS_READ = "enrollee, recoveryPlan, contacts, consents";

    @Autowired
    private MongoTemplate mongo;

    @Autowired
    private DemoTokens demoTokens;

    @Test
    void aClientDetailRequestWritesOneAuditEventPerRecordReadAndReadsTheEnrolleeOnce() {
        String client = clientWithPlanContactAndConsent("coach.mi");
        Set<String> before = eventIds(client);

        long commands = CommandCounter.started();
        clientDetail("coach.mi", client);
        commands = CommandCounter.started() - commands;

        List<AuditEvent> written = eventsOf(client).stream().filter(e -> !before.contains(e.id())).toList();
        assertThat(written).hasSize(1);
        AuditEvent read = written.get(0);
        assertThat(read.outcome()).isEqualTo(Outcome.ALLOWED);
        assertThat(read.actorId()).isEqualTo(id("coach.mi"));
        assertThat(read.organizationId()).isEqualTo(id("org.mi"));
        assertThat(List.of(read.operation().split(", ")))
                .containsExactlyInAnyOrderElementsOf(List.of(FIELDS_READ.split(", ")));
        long apart = 0;
        for (String field : fieldsApart()) {
            long start = CommandCounter.started();
            coach("coach.mi").document(field).variable("enrolleeId", client).execute().errors().verify();
            apart += CommandCounter.started() - start;
        }
        // Asked apart, the four fields cost 3 more sign-ins (identity and staff record), 3 more reads of the
        // enrollee and 3 more audit inserts than asked together; before issue 16 only the sign-ins were saved.
        assertThat(commands).as("database commands of one client-detail request, against %d for its fields apart",
                apart).isLessThanOrEqualTo(apart - 3 * 2 - 3 - 3);
    }

    @Test
    void theSameRequestTwiceWritesTwoEvents() {
        String client = clientWithPlanContactAndConsent("coach.mi");
        Set<String> before = eventIds(client);
        clientDetail("coach.mi", client);
        clientDetail("coach.mi", client);
        assertThat(eventsOf(client).stream().filter(e -> !before.contains(e.id())).map(AuditEvent::operation))
                .hasSize(2).allSatisfy(operation -> assertThat(List.of(operation.split(", ")))
                        .containsExactlyInAnyOrderElementsOf(List.of(FIELDS_READ.split(", "))));
    }

    @Test
    void aDeniedReadInTheSameRequestIsAuditedEachTime() {
        String mine = enrolled("coach.mi");
        String another = enrolled("associate.mi");
        Set<String> mineBefore = eventIds(mine);
        Set<String> anotherBefore = eventIds(another);

        GraphQlTester.Response answer = coach("coach.mi").document("query($mine: ID!, $other: ID!) { "
                + "mine: enrollee(id: $mine) { id } again: enrollee(id: $mine) { firstName } "
                + "other: enrollee(id: $other) { id } otherPlan: recoveryPlan(enrolleeId: $other) { id } }")
                .variable("mine", mine).variable("other", another).execute();
        answer.errors().satisfy(errors -> assertThat(errors).hasSize(2)
                .allSatisfy(error -> assertThat(error.getExtensions()).containsEntry("code", "NOT_FOUND")));
        answer.path("mine.id").entity(String.class).isEqualTo(mine);
        answer.path("other").valueIsNull();
        answer.path("otherPlan").valueIsNull();

        assertThat(eventsOf(mine).stream().filter(e -> !mineBefore.contains(e.id()))
                .map(e -> e.operation() + "/" + e.outcome())).containsExactly("enrollee/ALLOWED");
        assertThat(eventsOf(another).stream().filter(e -> !anotherBefore.contains(e.id()))
                .map(e -> e.operation() + "/" + e.outcome() + "/" + e.actorId()))
                .containsExactlyInAnyOrder("enrollee/DENIED/" + id("coach.mi"), "recoveryPlan/DENIED/" + id("coach.mi"));
    }

    @Test
    void aDeactivatedStaffMemberIsRefusedOnTheNextRequest() {
        String staffId = UUID.randomUUID().toString();
        String subject = "audit-test-" + UUID.randomUUID();
        admin("admin").documentName("createStaffMember").variable("input", Map.of("id", staffId, "firstName", "Dee",
                "lastName", "Activated", "role", "RECOVERY_COACH", "authSubject", subject)).execute()
                .path("createStaffMember.staffMember.id").entity(String.class).isEqualTo(staffId);
        String token = demoTokens.issue(subject);
        me(token).expectStatus().isOk().expectBody().jsonPath("$.data.me.id").isEqualTo(staffId);

        admin("admin").documentName("updateStaffMember").variable("input", Map.of("id", staffId,
                "expectedVersion", 0, "active", false)).execute()
                .path("updateStaffMember.staffMember.active").entity(Boolean.class).isEqualTo(false);

        me(token).expectStatus().isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    // ---- helpers ----

    private void clientDetail(String login, String enrolleeId) {
        GraphQlTester.Response answer = coach(login).documentName("clientDetail").variable("enrolleeId", enrolleeId)
                .execute();
        answer.path("enrollee.id").entity(String.class).isEqualTo(enrolleeId);
        answer.path("recoveryPlan.id").hasValue();
        answer.path("contacts.edges").entityList(Object.class).hasSize(1);
        answer.path("consents").entityList(Object.class).hasSize(1);
    }

    /** The client-detail operation's root fields, each alone in a document of its own. */
    private static List<String> fieldsApart() {
        String text;
        try {
            text = Files.readString(Path.of("mobile-contract", "coach", "clientDetail.graphql"));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        OperationDefinition operation = Parser.parse(text).getDefinitionsOfType(OperationDefinition.class).get(0);
        return operation.getSelectionSet().getSelections().stream().map(field -> {
            String printed = AstPrinter.printAst(field);
            List<VariableDefinition> used = operation.getVariableDefinitions().stream()
                    .filter(variable -> printed.contains("$" + variable.getName())).toList();
            return AstPrinter.printAst(operation.transform(builder -> builder.name(null).variableDefinitions(used)
                    .selectionSet(SelectionSet.newSelectionSet().selection(field).build())));
        }).toList();
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec me(String token) {
        return client().defaultHeader("Authorization", "Bearer " + token).build().post()
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("query", "{ me { id } }")).exchange();
    }

    /** A new Michigan enrollee of {@code coachLogin}'s caseload. */
    private String enrolled(String coachLogin) {
        String enrolleeId = UUID.randomUUID().toString();
        admin("admin").documentName("createEnrollee").variable("input", Map.of("id", enrolleeId, "firstName", "Ava",
                "lastName", "Detail", "dateOfBirth", "1987-05-06", "fundingSources", List.of("MEDICAID"),
                "status", "ENROLLED", "enrolledOn", "2026-01-01", "coachId", id(coachLogin)))
                .execute().path("createEnrollee.enrollee.id").entity(String.class).isEqualTo(enrolleeId);
        return enrolleeId;
    }

    /** A new enrollee of the coach with a recovery plan, one contact (a draft) and one consent. */
    private String clientWithPlanContactAndConsent(String coachLogin) {
        String enrolleeId = enrolled(coachLogin);
        coach(coachLogin).documentName("createRecoveryPlan").variable("input", Map.of("id",
                UUID.randomUUID().toString(), "enrolleeId", enrolleeId, "reviewDate", "2027-01-01",
                "goals", List.of(Map.of("id", UUID.randomUUID().toString(), "inOwnWords", "Keep my job",
                        "lifeDomain", "EMPLOYMENT_FINANCES")))).execute()
                .path("createRecoveryPlan.plan.id").hasValue();
        Instant start = clock.instant().minus(Duration.ofDays(2));
        Map<String, Object> contact = new HashMap<>();
        contact.put("id", UUID.randomUUID().toString());
        contact.put("enrolleeId", enrolleeId);
        contact.put("type", "PHONE");
        contact.put("start", start.toString());
        contact.put("end", start.plus(Duration.ofMinutes(15)).toString());
        contact.put("placeOfService", "OFFICE");
        contact.put("activities", List.of("RECOVERY_PLANNING"));
        contact.put("supportTypes", List.of("EMOTIONAL"));
        contact.put("narrative", "Talked through the week's shifts.");
        coach(coachLogin).documentName("logContact").variable("input", contact).execute()
                .path("logContact.contact.id").hasValue();
        coach(coachLogin).documentName("recordConsent").variable("input",
                ConsentFixtures.unlinkedRecipient(ConsentFixtures.completeConsent(enrolleeId, clock), "Pat Rivers"))
                .execute().path("recordConsent.consent.id")
                .hasValue();
        return enrolleeId;
    }

    private List<AuditEvent> eventsOf(String enrolleeId) {
        return mongo.find(Query.query(Criteria.where("enrolleeId").is(enrolleeId)), AuditEvent.class);
    }

    private Set<String> eventIds(String enrolleeId) {
        return eventsOf(enrolleeId).stream().map(AuditEvent::id).collect(Collectors.toSet());
    }
}
