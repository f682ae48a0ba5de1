package org.peerpath.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import org.peerpath.IntegrationTest;
import org.peerpath.consent.ConsentFixtures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peerpath.GraphQlErrorAssertions.expectError;
import static org.peerpath.demo.DemoData.id;

/**
 * Denials of operations that name a record by its own id (a contact, a consent, an outreach task): audited where
 * the record's supervisors look, and answered word for word like a random id of the same kind (security issue,
 * items 5 and 6).
 */
class DenialAuditIntegrationTest extends IntegrationTest {

    private static final String CLIENT = id("enrollee.mi.0");

    @Test
    void aDeniedContactFromAnotherOrganizationIsInThatOrganizationsTrailAndReadsLikeARandomId() {
        String contactId = loggedContact();
        ResponseError foreign = expectError(coach("coach.in").documentName("contact").variable("id", contactId)
                .execute(), "NOT_FOUND");
        String random = UUID.randomUUID().toString();
        ResponseError unknown = expectError(coach("coach.in").documentName("contact").variable("id", random)
                .execute(), "NOT_FOUND");
        assertThat(foreign.getMessage().replace(contactId, "X")).isEqualTo(unknown.getMessage().replace(random, "X"));
        assertThat(trailOf(CLIENT)).contains("contact/DENIED/" + id("coach.in"));
    }

    @Test
    void anotherCaseloadsContactReadsLikeARandomIdAndIsAudited() {
        String contactId = loggedContact();
        ResponseError other = expectError(coach("associate.mi").documentName("contact").variable("id", contactId)
                .execute(), "NOT_FOUND");
        assertThat(other.getMessage()).isEqualTo("Contact " + contactId + " was not found.");
        assertThat(trailOf(CLIENT)).contains("contact/DENIED/" + id("associate.mi"));
    }

    @Test
    void anEnrolleeGetsTheSameRefusalForARealContactAndARandomOne() {
        String contactId = loggedContact();
        ResponseError real = expectError(tester("enrollee.mi", "coach").documentName("contact")
                .variable("id", contactId).execute(), "FORBIDDEN");
        ResponseError random = expectError(tester("enrollee.mi", "coach").documentName("contact")
                .variable("id", UUID.randomUUID().toString()).execute(), "FORBIDDEN");
        assertThat(real.getMessage()).isEqualTo(random.getMessage());
    }

    @Test
    void aConsentOfAnotherCaseloadOrOrganizationReadsLikeARandomIdAndIsAudited() {
        String consentId = (String) coach("coach.mi").documentName("recordConsent")
                .variable("input", ConsentFixtures.completeConsent(CLIENT, clock)).execute()
                .path("recordConsent.consent.id").entity(String.class).get();
        String random = UUID.randomUUID().toString();
        for (HttpGraphQlTester outsider : List.of(coach("associate.mi"), coach("coach.in"))) {
            ResponseError denied = expectError(outsider.documentName("consentStatus").variable("consentId", consentId)
                    .execute(), "NOT_FOUND");
            ResponseError unknown = expectError(outsider.documentName("consentStatus").variable("consentId", random)
                    .execute(), "NOT_FOUND");
            assertThat(denied.getMessage().replace(consentId, "X")).isEqualTo(unknown.getMessage().replace(random, "X"));
        }
        expectError(coach("coach.in").documentName("revokeConsent").variable("input", Map.of("consentId", consentId))
                .execute(), "NOT_FOUND");
        assertThat(trailOf(CLIENT)).contains("consentStatus/DENIED/" + id("associate.mi"),
                "consentStatus/DENIED/" + id("coach.in"), "revokeConsent/DENIED/" + id("coach.in"));
        coach("coach.mi").documentName("consentStatus").variable("consentId", consentId).execute()
                .path("consentStatus").hasValue();
    }

    @Test
    void administrationRefusedForTheRoleIsAudited() {
        String enrollee = id("enrollee.mi.1");
        expectError(tester("coach.mi", "admin").documentName("updateEnrollee").variable("input", Map.of(
                "id", enrollee, "expectedVersion", 0, "preferredName", "Nope")).execute(), "FORBIDDEN");
        expectError(tester("supervisor.mi", "admin").documentName("addAuthorization").variable("input", Map.of(
                "enrolleeId", enrollee, "id", UUID.randomUUID().toString(), "kind", "GENERAL",
                "validFrom", "2026-01-01", "validTo", "2026-12-31", "unitsAuthorized", 4)).execute(), "FORBIDDEN");
        expectError(tester("coach.mi", "admin").documentName("assignCoach").variable("input", Map.of(
                "enrolleeId", enrollee, "coachId", id("coach.mi"))).execute(), "FORBIDDEN");
        assertThat(trailOf(enrollee)).contains("updateEnrollee/DENIED/" + id("coach.mi"),
                "addAuthorization/DENIED/" + id("supervisor.mi"), "assignCoach/DENIED/" + id("coach.mi"));
    }

    private String loggedContact() {
        Instant start = clock.instant().minus(Duration.ofDays(3));
        Map<String, Object> input = new HashMap<>();
        input.put("id", UUID.randomUUID().toString());
        input.put("enrolleeId", CLIENT);
        input.put("type", "PHONE");
        input.put("start", start.toString());
        input.put("end", start.plus(Duration.ofMinutes(15)).toString());
        input.put("placeOfService", "OFFICE");
        input.put("activities", List.of("RECOVERY_PLANNING"));
        input.put("supportTypes", List.of("EMOTIONAL"));
        input.put("narrative", "Checked in by phone about the week ahead.");
        return coach("coach.mi").documentName("logContact").variable("input", input).execute()
                .path("logContact.contact.id").entity(String.class).get();
    }

    private List<String> trailOf(String enrolleeId) {
        return auditTrail("supervisor.mi", enrolleeId);
    }
}
