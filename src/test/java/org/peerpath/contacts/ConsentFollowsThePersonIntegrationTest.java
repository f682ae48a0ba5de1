package org.peerpath.contacts;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.graphql.test.tester.GraphQlTester;

import org.peerpath.consent.ConsentFixtures;

/**
 * Consent follows the person, not the contact type (42 CFR Part 2 §2.31; Michigan guidance V), over HTTP: the
 * client's sister reached without consent is flagged whatever the contact type or outreach method, and with
 * consent the disclosure log and the enrollee's accounting show what the coach says was disclosed.
 */
class ConsentFollowsThePersonIntegrationTest extends AgencyTest {

    record Client(String id, String sisterId, String login) {
    }

    @Test
    void theSisterReachedAsAProfessionalContactWithoutConsentIsFlaggedAndNotBillable() {
        Instant at = pinNowAndServiceDay();
        Agency agency = michigan();
        Client client = client(agency);
        Map<String, Object> input = faceToFace(client.id(), at, 30);
        input.put("type", "COLLATERAL_PROFESSIONAL");
        input.put("clientPresent", true);
        input.put("personContacted", Map.of("name", "Pat Rivers", "relationship", "sister",
                "emergencyContactId", client.sisterId()));

        signNew(agency.coach(), input).path("signContact.contact.status").entity(String.class).isEqualTo("SIGNED")
                .path("signContact.contact.billing.billable").entity(Boolean.class).isEqualTo(false)
                .path("signContact.contact.billing.findings[*].code").entityList(String.class)
                .containsExactly("CONSENT_MISSING")
                .path("signContact.contact.flaggedForReview").entity(Boolean.class).isEqualTo(true);
        supervisor(agency.supervisor()).documentName("supervisorDashboard").execute()
                .path("supervisorDashboard.flaggedContacts[*].id").entityList(String.class)
                .containsExactly((String) input.get("id"));
    }

    @Test
    void aLetterToTheSisterWithoutConsentIsFlaggedOnTheDashboard() {
        Instant at = pinNowAndServiceDay();
        Agency agency = michigan();
        Client client = client(agency);
        String taskId = UUID.randomUUID().toString();
        coach(agency.coach()).documentName("openOutreachTask").variable("input", Map.of("id", taskId,
                "enrolleeId", client.id())).execute().path("openOutreachTask.task.id").hasValue();
        coach(agency.coach()).documentName("recordOutreachAttempt").variable("input", Map.of("taskId", taskId,
                "id", UUID.randomUUID().toString(), "method", "LETTER", "outcome", "NO_ANSWER", "at", at.toString(),
                "personContacted", "Pat Rivers")).execute()
                .path("recordOutreachAttempt.task.attempts[0].flaggedForReview").entity(Boolean.class).isEqualTo(true)
                .path("recordOutreachAttempt.task.attempts[0].consentReason").entity(String.class)
                .isEqualTo("NO_CONSENT");
        supervisor(agency.supervisor()).documentName("supervisorDashboard").execute()
                .path("supervisorDashboard.flaggedOutreachTasks[*].id").entityList(String.class)
                .containsExactly(taskId);
    }

    @Test
    void withConsentTheDisclosureShowsWhatTheCoachSaysWasDisclosed() {
        Instant at = pinNowAndServiceDay();
        Agency agency = michigan();
        Client client = client(agency);
        Map<String, Object> consent = ConsentFixtures.completeConsent(client.id(), clock);
        @SuppressWarnings("unchecked")
        Map<String, Object> recipient = (Map<String, Object>) consent.get("recipient");
        recipient.put("emergencyContactId", client.sisterId());
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneId.of("America/Detroit"));
        consent.put("signedOn", today.minusDays(30).toString());
        coach(agency.coach()).documentName("recordConsent").variable("input", consent).execute()
                .path("recordConsent.consent.id").hasValue();

        // What the coach states: an appointment time, no substance use information (the consent excludes it).
        Map<String, Object> stated = faceToFace(client.id(), at, 30);
        stated.put("type", "COLLATERAL_PROFESSIONAL");
        stated.put("clientPresent", true);
        stated.put("personContacted", Map.of("name", "Pat Rivers", "emergencyContactId", client.sisterId(),
                "informationShared", "The time of Tuesday's appointment.", "includesSubstanceUseInformation", false));
        signNew(agency.coach(), stated).path("signContact.contact.billing.billable").entity(Boolean.class)
                .isEqualTo(true);

        // Stating nothing: she learned the enrollee is in the program, Part 2 information this consent excludes.
        Map<String, Object> unstated = faceToFace(client.id(), at.plusSeconds(3600), 30);
        unstated.put("type", "COLLATERAL_FAMILY");
        unstated.put("clientPresent", true);
        unstated.put("personContacted", Map.of("name", "Pat Rivers", "emergencyContactId", client.sisterId()));
        GraphQlTester.Response refused = signNew(agency.coach(), unstated);
        refused.path("signContact.contact.billing.findings[*].code").entityList(String.class)
                .containsExactly("CONSENT_MISSING")
                .path("signContact.contact.personContacted.includesSubstanceUseInformation").entity(Boolean.class)
                .isEqualTo(true)
                .path("signContact.contact.personContacted.informationShared").entity(String.class)
                .satisfies(text -> org.assertj.core.api.Assertions.assertThat(text).contains("42 CFR Part 2"));

        coach(agency.coach()).documentName("disclosures").variable("enrolleeId", client.id()).execute()
                .path("disclosures[*].informationShared").entityList(String.class)
                .containsExactly("The time of Tuesday's appointment.")
                .path("disclosures[*].contactId").entityList(String.class).containsExactly((String) stated.get("id"));
        enrollee(client.login()).documentName("myDisclosures").execute()
                .path("myDisclosures[*].informationShared").entityList(String.class)
                .containsExactly("The time of Tuesday's appointment.");
    }

    /** A Michigan client with a sister as emergency contact and a sign-in of their own. */
    private Client client(Agency agency) {
        String id = UUID.randomUUID().toString();
        String sisterId = UUID.randomUUID().toString();
        String login = "enrollee." + id.substring(0, 8);
        Map<String, Object> input = new HashMap<>(Map.of("id", id, "firstName", "Jordan", "lastName", "Rivers",
                "dateOfBirth", "1985-04-12", "fundingSources", List.of("MEDICAID"), "status", "ENROLLED",
                "enrolledOn", "2020-01-01", "coachId", agency.coachId(), "authSubject", login));
        input.put("emergencyContacts", List.of(Map.of("id", sisterId, "name", "Pat Rivers", "relationship", "sister",
                "phone", "+1-555-0110")));
        input.put("eligibility", Map.of("needsNotMetByOtherProgram", true, "criteria",
                List.of("DOCUMENTED_DOMAIN_NEED"), "agreedToParticipate", true));
        admin(agency.admin()).documentName("createEnrollee").variable("input", input).execute()
                .path("createEnrollee.enrollee.id").hasValue();
        authorize(agency, id, "GENERAL", 100);
        return new Client(id, sisterId, login);
    }
}
