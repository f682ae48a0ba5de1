package org.peerpath.people;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import org.peerpath.IntegrationTest;
import org.peerpath.audit.AuditEvent;
import org.peerpath.security.DemoTokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peerpath.GraphQlErrorAssertions.expectError;
import static org.peerpath.demo.DemoData.id;

/**
 * Who can sign in as whom (security issue, item 1): a refused creation links no sign-in, a sign-in never names a
 * person of another organization, and linking one to an existing person is its own audited operation. The
 * database is read directly only to prove that nothing was written.
 */
class SignInLinkIntegrationTest extends IntegrationTest {

    @Autowired
    private MongoTemplate mongo;

    @Autowired
    private DemoTokens demoTokens;

    @Test
    void aStaffCreationReusingAnotherOrganizationsAdministratorsIdLinksNoSignIn() {
        String mallory = "mallory-" + UUID.randomUUID();
        expectError(admin("admin.in").documentName("createStaffMember").variable("input", Map.of(
                "id", id("admin.mi"), "firstName", "Mallory", "lastName", "Takeover", "role", "ADMIN",
                "authSubject", mallory)).execute(), "CONFLICT");
        assertNothingLinked(mallory);
        assertSignInRefused(mallory);
    }

    @Test
    void anEnrolleeCreationReusingAnotherOrganizationsEnrolleesIdLinksNoSignIn() {
        String mallory = "mallory-" + UUID.randomUUID();
        expectError(admin("admin.in").documentName("createEnrollee").variable("input", Map.of(
                "id", id("enrollee.mi.0"), "firstName", "Mallory", "lastName", "Takeover", "dateOfBirth", "1990-01-01",
                "fundingSources", List.of("MEDICAID"), "status", "REFERRED", "referredOn", "2026-11-30", "authSubject", mallory)).execute(),
                "CONFLICT");
        assertNothingLinked(mallory);
        assertSignInRefused(mallory);
    }

    @Test
    void anOrganizationWhoseFirstAdministratorIsSomeoneElseWritesNothing() {
        String mallory = "mallory-" + UUID.randomUUID();
        String organizationId = UUID.randomUUID().toString();
        expectError(admin("admin.in").documentName("createOrganization").variable("input", organization(
                organizationId, id("supervisor.mi"), mallory)).execute(), "CONFLICT");
        assertNothingLinked(mallory);
        assertSignInRefused(mallory);
        assertThat(mongo.findById(organizationId, Organization.class)).isNull();
    }

    @Test
    void anOrganizationWhoseFirstAdministratorsSignInIsTakenWritesNothing() {
        String organizationId = UUID.randomUUID().toString();
        String administratorId = UUID.randomUUID().toString();
        expectError(admin("admin.in").documentName("createOrganization").variable("input", organization(
                organizationId, administratorId, "coach.mi")).execute(), "CONFLICT");
        assertThat(mongo.findById(organizationId, Organization.class)).isNull();
        assertThat(mongo.findById(administratorId, StaffMember.class)).isNull();
        assertThat(mongo.findById("coach.mi", Identity.class).personId()).isEqualTo(id("coach.mi"));
        coach("coach.mi").documentName("caseload").execute().path("caseload.edges").hasValue();
    }

    @Test
    void aCreationWhoseSignInIsTakenWritesNothing() {
        String staffId = UUID.randomUUID().toString();
        expectError(admin("admin").documentName("createStaffMember").variable("input", Map.of(
                "id", staffId, "firstName", "Dup", "lastName", "Subject", "role", "RECOVERY_COACH",
                "authSubject", "associate.mi")).execute(), "CONFLICT");
        assertThat(mongo.findById(staffId, StaffMember.class)).isNull();
        String enrolleeId = UUID.randomUUID().toString();
        expectError(admin("admin").documentName("createEnrollee").variable("input", Map.of(
                "id", enrolleeId, "firstName", "Dup", "lastName", "Subject", "dateOfBirth", "1990-01-01",
                "fundingSources", List.of("MEDICAID"), "status", "REFERRED", "referredOn", "2026-11-30", "authSubject", "enrollee.mi"))
                .execute(), "CONFLICT");
        assertThat(mongo.findById(enrolleeId, Enrollee.class)).isNull();
        assertThat(mongo.findById("enrollee.mi", Identity.class).personId()).isEqualTo(id("enrollee.mi.0"));
    }

    @Test
    void aRetriedCreationLinksItsSignInOnceAndSignsIn() {
        String staffId = UUID.randomUUID().toString();
        String subject = "new-coach-" + UUID.randomUUID();
        Map<String, Object> input = Map.of("id", staffId, "firstName", "Rita", "lastName", "Retry",
                "role", "RECOVERY_COACH", "authSubject", subject, "supervisorId", id("supervisor.mi"));
        for (int attempt = 0; attempt < 2; attempt++) {
            admin("admin").documentName("createStaffMember").variable("input", input).execute()
                    .path("createStaffMember.staffMember.id").entity(String.class).isEqualTo(staffId);
        }
        assertThat(mongo.findById(subject, Identity.class).personId()).isEqualTo(staffId);
        signedIn(subject).post().contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("query", "{ me { id displayName } }")).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.data.me.id").isEqualTo(staffId);
    }

    @Test
    void replayingAnotherOrganizationsCreationReturnsNothingOfIt() {
        String enrolleeId = UUID.randomUUID().toString();
        Map<String, Object> input = Map.of("id", enrolleeId, "firstName", "Pat", "lastName", "Private",
                "dateOfBirth", "1979-03-03", "medicaidId", "MI-SECRET-1", "fundingSources", List.of("MEDICAID"),
                "status", "REFERRED", "referredOn", "2026-11-30");
        admin("admin").documentName("createEnrollee").variable("input", input).execute()
                .path("createEnrollee.enrollee.id").entity(String.class).isEqualTo(enrolleeId);
        var replay = admin("admin.in").documentName("createEnrollee").variable("input", input).execute();
        var error = expectError(replay, "CONFLICT");
        assertThat(error.getMessage()).doesNotContain("MI-SECRET-1", "Pat", "Lakeshore");
        replay.path("createEnrollee").pathDoesNotExist();
    }

    @Test
    void anAdministratorLinksAndReplacesASignInOfTheirOrganizationAudited() {
        String enrolleeId = UUID.randomUUID().toString();
        admin("admin").documentName("createEnrollee").variable("input", Map.of("id", enrolleeId, "firstName", "Lin",
                "lastName", "Linked", "dateOfBirth", "1985-05-05", "fundingSources", List.of("MEDICAID"),
                "status", "REFERRED", "referredOn", "2026-11-30")).execute().path("createEnrollee.enrollee.id").hasValue();
        String first = "phone-" + UUID.randomUUID();
        String second = "phone-" + UUID.randomUUID();
        for (String subject : List.of(first, first, second)) {
            admin("admin").documentName("linkSignIn").variable("input", Map.of("personId", enrolleeId,
                    "authSubject", subject)).execute().path("linkSignIn.kind").entity(String.class)
                    .isEqualTo("ENROLLEE");
        }
        assertThat(mongo.findById(first, Identity.class)).isNull();
        assertThat(mongo.findById(second, Identity.class).personId()).isEqualTo(enrolleeId);
        assertSignInRefused(first);
        signedIn(second).post().contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("query", "{ me { id } }")).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.data.me.id").isEqualTo(enrolleeId);
        assertThat(mongo.count(Query.query(Criteria.where("enrolleeId").is(enrolleeId)
                .and("operation").is("linkSignIn").and("outcome").is("ALLOWED")), AuditEvent.class)).isEqualTo(3);
    }

    @Test
    void linkingIsForAdministratorsOfThePersonsOwnOrganization() {
        String subject = "mallory-" + UUID.randomUUID();
        expectError(admin("admin.in").documentName("linkSignIn").variable("input", Map.of(
                "personId", id("admin.mi"), "authSubject", subject)).execute(), "NOT_FOUND");
        expectError(tester("supervisor.mi", "admin").documentName("linkSignIn").variable("input", Map.of(
                "personId", id("coach.mi"), "authSubject", subject)).execute(), "FORBIDDEN");
        expectError(admin("admin").documentName("linkSignIn").variable("input", Map.of(
                "personId", id("coach.mi"), "authSubject", "enrollee.mi")).execute(), "CONFLICT");
        assertNothingLinked(subject);
        assertThat(mongo.count(Query.query(Criteria.where("enrolleeId").is(id("admin.mi"))
                .and("operation").is("linkSignIn").and("outcome").is("DENIED")), AuditEvent.class)).isPositive();
        coach("coach.mi").documentName("caseload").execute().path("caseload.edges").hasValue();
    }

    @Test
    void aSignInNamingAPersonOfAnotherOrganizationIsNotSignedIn() {
        String subject = "planted-" + UUID.randomUUID();
        // As the takeover left them on earlier versions: a link made in Indiana naming Michigan's administrator.
        mongo.insert(new Identity(subject, id("admin.mi"), Identity.Kind.STAFF, id("org.in")));
        assertSignInRefused(subject);
    }

    private void assertNothingLinked(String subject) {
        assertThat(mongo.findById(subject, Identity.class)).isNull();
    }

    /** A validly signed token for {@code subject} gets 401: the subject signs in as no one. */
    private void assertSignInRefused(String subject) {
        signedIn(subject).post().contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("query", "{ me { id } }"))
                .exchange().expectStatus().isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    private org.springframework.test.web.reactive.server.WebTestClient signedIn(String subject) {
        return client().defaultHeader("Authorization", "Bearer " + demoTokens.issue(subject)).build();
    }

    private static Map<String, Object> organization(String id, String administratorId, String subject) {
        return Map.of("id", id, "name", "Takeover agency", "rulePack", "IN", "timeZone", "America/Chicago",
                "firstAdministrator", Map.of("id", administratorId, "firstName", "Mallory", "lastName", "Takeover",
                        "authSubject", subject));
    }
}
