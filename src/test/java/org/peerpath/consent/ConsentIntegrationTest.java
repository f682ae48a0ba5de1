package org.peerpath.consent;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import org.peerpath.IntegrationTest;
import org.peerpath.demo.DemoData;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peerpath.consent.ConsentFixtures.completeConsent;
import static org.peerpath.consent.ConsentFixtures.todayInMichigan;

/** Consents over HTTP with real tokens, sending the apps' own documents from mobile-contract/. */
class ConsentIntegrationTest extends IntegrationTest {

    private static final String MI_ENROLLEE = DemoData.id("enrollee.mi.0");
    private static final String MI_CONTACT = DemoData.id("ec." + MI_ENROLLEE);

    // ---- recording ------------------------------------------------------------------------------------------

    @Test
    void coachRecordsAConsentWithEveryElementAndARetryReturnsTheSameConsent() {
        Map<String, Object> input = completeConsent(MI_ENROLLEE, clock);
        GraphQlTester.Response first = coach("coach.mi").documentName("recordConsent").variable("input", input)
                .execute();
        first.path("recordConsent.consent.id").entity(String.class).isEqualTo((String) input.get("id"));
        first.path("recordConsent.consent.enrolleeName").entity(String.class).isEqualTo("Jordan Rivers");
        first.path("recordConsent.consent.disclosingOrganization").entity(String.class)
                .isEqualTo("Lakeshore Recovery Community (demo)");
        first.path("recordConsent.consent.recipient.emergencyContactId").entity(String.class).isEqualTo(MI_CONTACT);
        first.path("recordConsent.consent.effectiveOn").entity(String.class).isEqualTo((String) input.get("signedOn"));
        first.path("recordConsent.consent.status").entity(String.class).isEqualTo("ACTIVE");
        String recordedAt = first.path("recordConsent.consent.recordedAt").entity(String.class).get();

        coach("coach.mi").documentName("recordConsent").variable("input", input).execute()
                .path("recordConsent.consent.recordedAt").entity(String.class).isEqualTo(recordedAt);
        assertThat(consentIds("coach.mi", MI_ENROLLEE).stream().filter(input.get("id")::equals)).hasSize(1);

        Map<String, Object> changed = new HashMap<>(input);
        changed.put("purpose", "Something else");
        expectError(coach("coach.mi").documentName("recordConsent").variable("input", changed).execute(), "CONFLICT");
    }

    static Stream<Arguments> eachMissingElement() {
        return Stream.of(
                Arguments.of("RECIPIENT", edit(i -> i.remove("recipient"))),
                Arguments.of("RECIPIENT", edit(i -> recipient(i).put("name", " "))),
                Arguments.of("RECIPIENT_RELATIONSHIP", edit(i -> recipient(i).put("relationship", null))),
                Arguments.of("RECIPIENT_PHONE", edit(i -> recipient(i).put("phone", ""))),
                Arguments.of("PURPOSE", edit(i -> i.remove("purpose"))),
                Arguments.of("INFORMATION_SCOPE", edit(i -> i.put("informationScope", " "))),
                Arguments.of("SUD_INFORMATION_STATEMENT", edit(i -> i.remove("includesSubstanceUseInformation"))),
                Arguments.of("REVOCATION_RIGHTS", edit(i -> i.remove("revocationRights"))),
                Arguments.of("EXPIRATION", edit(i -> i.remove("expiresOn"))),
                Arguments.of("SIGNATURE", edit(i -> i.remove("signature"))),
                Arguments.of("SIGNATURE", edit(i -> signature(i).remove("signerName"))),
                Arguments.of("SIGNER_RELATIONSHIP", edit(i -> signature(i).put("signedBy", "AUTHORIZED_REPRESENTATIVE"))),
                Arguments.of("DATE_SIGNED", edit(i -> i.remove("signedOn"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void eachMissingElement(String code, Consumer<Map<String, Object>> takeOut) {
        Map<String, Object> input = completeConsent(MI_ENROLLEE, clock);
        ConsentFixtures.unlinkedRecipient(input, "Lee Rivers"); // nothing to fill in from an emergency contact
        takeOut.accept(input);
        ResponseError error = expectError(coach("coach.mi").documentName("recordConsent").variable("input", input)
                .execute(), "VALIDATION");
        assertThat(error.getExtensions().get("missingElements")).isEqualTo(List.of(code));
        assertThat((List<?>) error.getExtensions().get("problems")).isNotEmpty();
        assertThat(consentIds("coach.mi", MI_ENROLLEE)).doesNotContain((String) input.get("id"));
    }

    @Test
    void everyMissingElementIsListedInOneError() {
        Map<String, Object> input = Map.of("id", UUID.randomUUID().toString(), "enrolleeId", MI_ENROLLEE);
        ResponseError error = expectError(coach("coach.mi").documentName("recordConsent").variable("input", input)
                .execute(), "VALIDATION");
        assertThat(error.getExtensions().get("missingElements")).isEqualTo(List.of("RECIPIENT", "PURPOSE",
                "INFORMATION_SCOPE", "SUD_INFORMATION_STATEMENT", "REVOCATION_RIGHTS", "EXPIRATION", "SIGNATURE",
                "DATE_SIGNED"));
    }

    @Test
    void datesThatMakeNoSenseAreRefused() {
        Map<String, Object> input = completeConsent(MI_ENROLLEE, clock);
        input.put("signedOn", todayInMichigan(clock).plusDays(1).toString());
        input.put("expiresOn", todayInMichigan(clock).toString());
        ResponseError error = expectError(coach("coach.mi").documentName("recordConsent").variable("input", input)
                .execute(), "VALIDATION");
        assertThat((List<?>) error.getExtensions().get("problems")).hasSize(2);
        assertThat(error.getExtensions().get("missingElements")).isEqualTo(List.of());
    }

    @Test
    void anEmergencyContactOfSomeoneElseCannotBeTheRecipient() {
        Map<String, Object> input = completeConsent(MI_ENROLLEE, clock);
        recipient(input).put("emergencyContactId", DemoData.id("ec." + DemoData.id("enrollee.mi.1")));
        expectError(coach("coach.mi").documentName("recordConsent").variable("input", input).execute(),
                "VALIDATION");
    }

    @Test
    void anOrganizationSuchAsAProbationOfficeNeedsNoPhone() {
        Map<String, Object> input = completeConsent(MI_ENROLLEE, clock);
        input.put("recipient", Map.of("kind", "ORGANIZATION", "name", "Kent County Probation Office"));
        input.put("includesSubstanceUseInformation", true);
        coach("coach.mi").documentName("recordConsent").variable("input", input).execute()
                .path("recordConsent.consent.recipient.kind").entity(String.class).isEqualTo("ORGANIZATION");
    }

    @Test
    void aRepresentativeSignsWithTheirRelationship() {
        Map<String, Object> input = completeConsent(MI_ENROLLEE, clock);
        signature(input).putAll(Map.of("signerName", "Morgan Rivers", "signedBy", "AUTHORIZED_REPRESENTATIVE",
                "representativeRelationship", "legal guardian"));
        coach("coach.mi").documentName("recordConsent").variable("input", input).execute()
                .path("recordConsent.consent.signature.representativeRelationship").entity(String.class)
                .isEqualTo("legal guardian");
    }

    // ---- revocation and status ------------------------------------------------------------------------------

    @Test
    void theEnrolleeRevokesFromTheAppAndTheConsentStaysInHistory() {
        String consentId = record(completeConsent(MI_ENROLLEE, clock));
        GraphQlTester.Response revoked = enrollee("enrollee.mi").documentName("revokeMyConsent")
                .variable("input", Map.of("consentId", consentId, "note", "I changed my mind")).execute();
        revoked.path("revokeMyConsent.consent.status").entity(String.class).isEqualTo("REVOKED");
        revoked.path("revokeMyConsent.consent.revocation.method").entity(String.class).isEqualTo("IN_APP");
        revoked.path("revokeMyConsent.consent.revocation.byId").entity(String.class).isEqualTo(MI_ENROLLEE);
        revoked.path("revokeMyConsent.consent.revocation.byRole").entity(String.class).isEqualTo("ENROLLEE");
        revoked.path("revokeMyConsent.consent.revocation.revokedOn").entity(String.class)
                .isEqualTo(todayInMichigan(clock).toString());

        enrollee("enrollee.mi").documentName("myConsents").execute()
                .path("myConsents[*].id").entityList(String.class).contains(consentId);
        coach("coach.mi").documentName("consents").variable("enrolleeId", MI_ENROLLEE).execute()
                .path("consents[?(@.id == '" + consentId + "')].status").entityList(String.class)
                .containsExactly("REVOKED");
    }

    @Test
    void theCoachRevokesOnAWrittenRequestAndTheFirstRevocationStands() {
        String consentId = record(completeConsent(MI_ENROLLEE, clock));
        coach("coach.mi").documentName("revokeConsent").variable("input", Map.of("consentId", consentId,
                "note", "Letter received")).execute()
                .path("revokeConsent.consent.revocation.method").entity(String.class).isEqualTo("WRITTEN_REQUEST");
        GraphQlTester.Response again = enrollee("enrollee.mi").documentName("revokeMyConsent")
                .variable("input", Map.of("consentId", consentId)).execute();
        again.path("revokeMyConsent.consent.revocation.method").entity(String.class).isEqualTo("WRITTEN_REQUEST");
        again.path("revokeMyConsent.consent.revocation.note").entity(String.class).isEqualTo("Letter received");
    }

    @Test
    void statusOnTheDaysAroundEffectiveExpiryAndRevocation() {
        LocalDate today = todayInMichigan(clock);
        Map<String, Object> input = completeConsent(MI_ENROLLEE, clock);
        input.put("signedOn", today.minusDays(10).toString());
        input.put("expiresOn", today.plusDays(5).toString());
        String consentId = record(input);
        assertStatus(consentId, today.minusDays(11), "NOT_YET_VALID");
        assertStatus(consentId, today.minusDays(10), "ACTIVE");
        assertStatus(consentId, today.plusDays(4), "ACTIVE");
        assertStatus(consentId, today.plusDays(5), "ACTIVE");
        assertStatus(consentId, today.plusDays(6), "EXPIRED");

        coach("coach.mi").documentName("revokeConsent").variable("input", Map.of("consentId", consentId)).execute()
                .path("revokeConsent.consent.id").hasValue();
        assertStatus(consentId, today.minusDays(1), "ACTIVE");
        assertStatus(consentId, today, "REVOKED");
        assertStatus(consentId, today.plusDays(1), "REVOKED");
        assertStatus(consentId, today.plusDays(6), "REVOKED");
        enrollee("enrollee.mi").documentName("consentStatus").variable("consentId", consentId).execute()
                .path("consentStatus").entity(String.class).isEqualTo("REVOKED");
    }

    @Test
    void aConsentEndingOnAnEventExpiresWhenTheEventIsRecorded() {
        Map<String, Object> input = completeConsent(MI_ENROLLEE, clock);
        input.remove("expiresOn");
        input.put("expirationEvent", "Discharge from the program");
        String consentId = record(input);
        assertStatus(consentId, todayInMichigan(clock).plusYears(5), "ACTIVE");
        coach("coach.mi").documentName("recordConsentExpirationEvent").variable("input", Map.of(
                "consentId", consentId, "occurredOn", todayInMichigan(clock).toString())).execute()
                .path("recordConsentExpirationEvent.consent.status").entity(String.class).isEqualTo("EXPIRED");
        assertStatus(consentId, todayInMichigan(clock).minusDays(1), "ACTIVE");
    }

    // ---- may the coach contact this person? -----------------------------------------------------------------

    @Test
    void mayContactAPersonOnlyUnderAnActiveConsent() {
        String enrolleeId = newEnrollee();
        String contactId = DemoData.id("ec." + enrolleeId);
        assertMayContact(enrolleeId, Map.of("emergencyContactId", contactId), false, "NO_CONSENT");
        assertCoverage(enrolleeId, false);

        Map<String, Object> input = completeConsent(enrolleeId, clock);
        input.put("recipient", new HashMap<>(Map.of("emergencyContactId", contactId))); // the rest from the contact
        String consentId = record(input);
        assertMayContact(enrolleeId, Map.of("emergencyContactId", contactId), true, "CONSENT_ACTIVE");
        assertMayContact(enrolleeId, Map.of("recipientName", "pat rivers"), true, "CONSENT_ACTIVE");
        assertMayContact(enrolleeId, Map.of("recipientName", "Someone Else"), false, "NO_CONSENT");
        assertMayContact(enrolleeId, Map.of("emergencyContactId", contactId, "on",
                todayInMichigan(clock).plusDays(21).toString()), false, "CONSENT_EXPIRED");
        assertCoverage(enrolleeId, true);

        coach("coach.mi").documentName("revokeConsent").variable("input", Map.of("consentId", consentId)).execute()
                .path("revokeConsent.consent.id").hasValue();
        assertMayContact(enrolleeId, Map.of("emergencyContactId", contactId), false, "CONSENT_REVOKED");
        assertMayContact(enrolleeId, Map.of("emergencyContactId", contactId, "on",
                todayInMichigan(clock).minusDays(1).toString()), true, "CONSENT_ACTIVE");
        assertCoverage(enrolleeId, false);
    }

    // ---- disclosures ----------------------------------------------------------------------------------------

    @Test
    void disclosuresAreLoggedAndTheEnrolleeSeesTheirAccounting() {
        String consentId = record(completeConsent(MI_ENROLLEE, clock));
        String disclosureId = UUID.randomUUID().toString();
        Map<String, Object> input = disclosure(disclosureId, consentId, todayInMichigan(clock), false);
        coach("coach.mi").documentName("recordDisclosure").variable("input", input).execute()
                .path("recordDisclosure.disclosure.recipient.name").entity(String.class).isEqualTo("Pat Rivers");
        coach("coach.mi").documentName("recordDisclosure").variable("input", input).execute()
                .path("recordDisclosure.disclosure.id").entity(String.class).isEqualTo(disclosureId);

        enrollee("enrollee.mi").documentName("myDisclosures").execute()
                .path("myDisclosures[?(@.id == '" + disclosureId + "')].consentId").entityList(String.class)
                .containsExactly(consentId);
        supervisor("supervisor.mi").documentName("disclosures").variable("enrolleeId", MI_ENROLLEE).execute()
                .path("disclosures[?(@.id == '" + disclosureId + "')].informationShared").entityList(String.class)
                .containsExactly("Attendance this week");
    }

    @Test
    void noDisclosureUnderARevokedConsentButEarlierOnesStand() {
        String consentId = record(completeConsent(MI_ENROLLEE, clock));
        enrollee("enrollee.mi").documentName("revokeMyConsent").variable("input", Map.of("consentId", consentId))
                .execute().path("revokeMyConsent.consent.id").hasValue();

        String refusedId = UUID.randomUUID().toString();
        ResponseError error = expectError(coach("coach.mi").documentName("recordDisclosure").variable("input",
                disclosure(refusedId, consentId, todayInMichigan(clock), false)).execute(), "VALIDATION");
        assertThat(error.getExtensions()).containsEntry("reason", "CONSENT_NOT_ACTIVE")
                .containsEntry("consentStatus", "REVOKED");
        // Made yesterday in reliance on the consent, before it was revoked (42 CFR §2.31(a)(6)): still logged.
        coach("coach.mi").documentName("recordDisclosure").variable("input",
                disclosure(UUID.randomUUID().toString(), consentId, todayInMichigan(clock).minusDays(1), false))
                .execute().path("recordDisclosure.disclosure.id").hasValue();
        coach("coach.mi").documentName("disclosures").variable("enrolleeId", MI_ENROLLEE).execute()
                .path("disclosures[*].id").entityList(String.class).doesNotContain(refusedId);
    }

    @Test
    void substanceUseInformationOnlyUnderAConsentThatSaysSo() {
        String consentId = record(completeConsent(MI_ENROLLEE, clock)); // includesSubstanceUseInformation: false
        expectError(coach("coach.mi").documentName("recordDisclosure").variable("input",
                disclosure(UUID.randomUUID().toString(), consentId, todayInMichigan(clock), true)).execute(),
                "VALIDATION");
    }

    // ---- lists ----------------------------------------------------------------------------------------------

    @Test
    void consentsExpiringWithin30DaysAreListedForTheCoach() {
        LocalDate today = todayInMichigan(clock);
        Map<String, Object> soon = completeConsent(MI_ENROLLEE, clock);
        soon.put("expiresOn", today.plusDays(30).toString());
        Map<String, Object> later = completeConsent(MI_ENROLLEE, clock);
        later.put("expiresOn", today.plusDays(31).toString());
        Map<String, Object> revoked = completeConsent(MI_ENROLLEE, clock);
        revoked.put("expiresOn", today.plusDays(3).toString());
        String soonId = record(soon);
        String laterId = record(later);
        String revokedId = record(revoked);
        coach("coach.mi").documentName("revokeConsent").variable("input", Map.of("consentId", revokedId)).execute()
                .path("revokeConsent.consent.id").hasValue();

        List<String> listed = expiringSoon(coach("coach.mi"));
        assertThat(listed).contains(soonId).doesNotContain(laterId, revokedId);
        assertThat(expiringSoon(supervisor("supervisor.mi"))).contains(soonId);
        assertThat(expiringSoon(coach("coach.in"))).doesNotContain(soonId);
        expectError(tester("enrollee.mi", "coach").documentName("consentsExpiringSoon").execute(), "FORBIDDEN");
        expectError(coach("coach.mi").documentName("consentsExpiringSoon").variable("after", "not-a-cursor")
                .execute(), "VALIDATION");
    }

    /** A page of expiring consents costs the same database commands however many consents expire (issue 19). */
    @Test
    void aPageOfExpiringConsentsCostsTheSameCommandsForMoreConsents() {
        LocalDate today = todayInMichigan(clock);
        for (int i = 0; i < 3; i++) {
            Map<String, Object> soon = completeConsent(MI_ENROLLEE, clock);
            soon.put("expiresOn", today.plusDays(5 + i).toString());
            record(soon);
        }
        supervisor("supervisor.mi").documentName("consentsExpiringSoon").variable("first", 2).execute(); // warm-up
        long few = commandsForAPage();
        for (int i = 0; i < 6; i++) {
            Map<String, Object> soon = completeConsent(MI_ENROLLEE, clock);
            soon.put("expiresOn", today.plusDays(5 + i).toString());
            record(soon);
        }
        assertThat(commandsForAPage()).isEqualTo(few);
    }

    private long commandsForAPage() {
        long before = org.peerpath.database.CommandCounter.started();
        supervisor("supervisor.mi").documentName("consentsExpiringSoon").variable("first", 2).execute()
                .path("consentsExpiringSoonPage.edges[*].node.id").entityList(String.class).hasSize(2);
        return org.peerpath.database.CommandCounter.started() - before;
    }

    /**
     * The expiring consents answer a count and pages (issue 19): read three at a time, soonest first, every
     * consent comes once and the pages hold as many as the count says.
     */
    private static List<String> expiringSoon(HttpGraphQlTester app) {
        List<String> ids = new java.util.ArrayList<>();
        List<String> days = new java.util.ArrayList<>();
        Integer total = null;
        String after = null;
        do {
            Map<String, Object> variables = new java.util.HashMap<>(Map.of("first", 3));
            if (after != null) {
                variables.put("after", after);
            }
            GraphQlTester.Response response = app.documentName("consentsExpiringSoon").variables(variables).execute();
            total = response.path("consentsExpiringSoonPage.totalCount").entity(Integer.class).get();
            List<String> page = response.path("consentsExpiringSoonPage.edges[*].node.id").entityList(String.class)
                    .get();
            assertThat(page).hasSizeLessThanOrEqualTo(3);
            ids.addAll(page);
            days.addAll(response.path("consentsExpiringSoonPage.edges[*].node.expiresOn").entityList(String.class)
                    .get());
            after = response.path("consentsExpiringSoonPage.pageInfo.hasNextPage").entity(Boolean.class).get()
                    ? response.path("consentsExpiringSoonPage.pageInfo.endCursor").entity(String.class).get() : null;
        }
        while (after != null);
        assertThat(ids).doesNotHaveDuplicates().hasSize(total);
        assertThat(days).isSorted();
        return ids;
    }

    // ---- who may see what -----------------------------------------------------------------------------------

    @Test
    void aCoachOfAnotherCaseloadGetsNotFound() {
        String consentId = record(completeConsent(MI_ENROLLEE, clock));
        for (String login : List.of("associate.mi", "coach.in")) {
            expectError(coach(login).documentName("consents").variable("enrolleeId", MI_ENROLLEE).execute(),
                    "NOT_FOUND");
            expectError(coach(login).documentName("consentStatus").variable("consentId", consentId).execute(),
                    "NOT_FOUND");
            expectError(coach(login).documentName("revokeConsent").variable("input", Map.of("consentId", consentId))
                    .execute(), "NOT_FOUND");
            expectError(coach(login).documentName("recordConsent")
                    .variable("input", completeConsent(MI_ENROLLEE, clock)).execute(), "NOT_FOUND");
            expectError(coach(login).documentName("mayContact").variable("enrolleeId", MI_ENROLLEE)
                    .variable("emergencyContactId", MI_CONTACT).execute(), "NOT_FOUND");
        }
        assertStatus(consentId, todayInMichigan(clock), "ACTIVE");
    }

    @Test
    void anEnrolleeSeesOnlyTheirOwnConsents() {
        Map<String, Object> input = completeConsent(DemoData.id("enrollee.mi.1"), clock);
        input.remove("recipient");
        input.put("recipient", Map.of("name", "Kim Brooks", "relationship", "partner", "phone", "+1-555-0199"));
        String othersConsent = record(input);
        expectError(enrollee("enrollee.mi").documentName("consentStatus").variable("consentId", othersConsent)
                .execute(), "NOT_FOUND");
        expectError(enrollee("enrollee.mi").documentName("revokeMyConsent").variable("input",
                Map.of("consentId", othersConsent)).execute(), "NOT_FOUND");
        expectError(enrollee("enrollee.in").documentName("revokeMyConsent").variable("input",
                Map.of("consentId", record(completeConsent(MI_ENROLLEE, clock)))).execute(), "NOT_FOUND");
        assertThat(enrollee("enrollee.mi").documentName("myConsents").execute().path("myConsents[*].enrolleeId")
                .entityList(String.class).get()).isNotEmpty().containsOnly(MI_ENROLLEE);
        // The staff views are for staff only.
        expectError(tester("enrollee.mi", "coach").documentName("consents").variable("enrolleeId", MI_ENROLLEE)
                .execute(), "FORBIDDEN");
        expectError(tester("enrollee.mi", "coach").documentName("disclosures").variable("enrolleeId", MI_ENROLLEE)
                .execute(), "FORBIDDEN");
    }

    @Test
    void everyReadAndChangeIsAudited() {
        String enrolleeId = newEnrollee();
        String consentId = record(completeConsent(enrolleeId, clock));
        coach("coach.mi").documentName("consents").variable("enrolleeId", enrolleeId).execute().path("consents")
                .hasValue();
        assertStatus(consentId, todayInMichigan(clock), "ACTIVE");
        assertMayContact(enrolleeId, Map.of("recipientName", "Pat Rivers"), true, "CONSENT_ACTIVE");
        coach("coach.mi").documentName("recordDisclosure").variable("input",
                disclosure(UUID.randomUUID().toString(), consentId, todayInMichigan(clock), false)).execute()
                .path("recordDisclosure.disclosure.id").hasValue();
        coach("coach.mi").documentName("disclosures").variable("enrolleeId", enrolleeId).execute()
                .path("disclosures").hasValue();
        coach("coach.mi").documentName("revokeConsent").variable("input", Map.of("consentId", consentId)).execute()
                .path("revokeConsent.consent.id").hasValue();
        expectError(coach("associate.mi").documentName("consents").variable("enrolleeId", enrolleeId).execute(),
                "NOT_FOUND");

        GraphQlTester.Response events = supervisor("supervisor.mi").documentName("auditEvents")
                .variable("enrolleeId", enrolleeId).variable("first", 100).execute();
        List<String> operations = events.path("auditEvents.edges[*].node.operation").entityList(String.class).get();
        assertThat(operations).contains("recordConsent", "consents", "consentStatus", "mayContact",
                "recordDisclosure", "disclosures", "revokeConsent");
        events.path("auditEvents.edges[?(@.node.operation == 'consents' && @.node.outcome == 'DENIED')].node.actorId")
                .entityList(String.class).containsExactly(DemoData.id("associate.mi"));
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    /** A fresh enrollee on coach.mi's caseload with one emergency contact, Pat Rivers. */
    private String newEnrollee() {
        String id = UUID.randomUUID().toString();
        admin("admin").documentName("createEnrollee").variable("input", Map.of("id", id, "firstName", "Casey",
                "lastName", "Consent", "dateOfBirth", "1990-01-01", "fundingSources", List.of("MEDICAID"),
                "status", "ENROLLED", "enrolledOn", todayInMichigan(clock).minusMonths(1).toString(),
                "coachId", DemoData.id("coach.mi"), "emergencyContacts", List.of(Map.of("id",
                        DemoData.id("ec." + id), "name", "Pat Rivers", "relationship", "sibling",
                        "phone", "+1-555-0110")))).execute().path("createEnrollee.enrollee.id").hasValue();
        return id;
    }

    private String record(Map<String, Object> input) {
        return coach("coach.mi").documentName("recordConsent").variable("input", input).execute()
                .path("recordConsent.consent.id").entity(String.class).get();
    }

    private List<String> consentIds(String login, String enrolleeId) {
        return coach(login).documentName("consents").variable("enrolleeId", enrolleeId).execute()
                .path("consents[*].id").entityList(String.class).get();
    }

    private void assertStatus(String consentId, LocalDate on, String expected) {
        coach("coach.mi").documentName("consentStatus").variable("consentId", consentId)
                .variable("on", on.toString()).execute()
                .path("consentStatus").entity(String.class).isEqualTo(expected);
    }

    private void assertMayContact(String enrolleeId, Map<String, Object> who, boolean allowed, String reason) {
        var request = coach("coach.mi").documentName("mayContact").variable("enrolleeId", enrolleeId);
        who.forEach(request::variable);
        GraphQlTester.Response response = request.execute();
        response.path("mayContact.allowed").entity(Boolean.class).isEqualTo(allowed);
        response.path("mayContact.reason").entity(String.class).isEqualTo(reason);
    }

    private void assertCoverage(String enrolleeId, boolean covered) {
        coach("coach.mi").documentName("emergencyContactConsents").variable("enrolleeId", enrolleeId).execute()
                .path("enrollee.emergencyContactConsents[*].covered").entityList(Boolean.class)
                .containsExactly(covered);
    }

    private static Map<String, Object> disclosure(String id, String consentId, LocalDate on, boolean sud) {
        return Map.of("id", id, "consentId", consentId, "disclosedOn", on.toString(),
                "informationShared", "Attendance this week", "includesSubstanceUseInformation", sud);
    }

    private static ResponseError expectError(GraphQlTester.Response response, String code) {
        ResponseError[] found = new ResponseError[1];
        response.errors().satisfy(errors -> {
            assertThat(errors).hasSize(1);
            assertThat(errors.get(0).getExtensions()).containsEntry("code", code);
            found[0] = errors.get(0);
        });
        return found[0];
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> recipient(Map<String, Object> input) {
        return (Map<String, Object>) input.get("recipient");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> signature(Map<String, Object> input) {
        return (Map<String, Object>) input.get("signature");
    }

    private static Consumer<Map<String, Object>> edit(Consumer<Map<String, Object>> change) {
        return change;
    }
}
