package org.peerpath.contacts;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.GraphQlTester;

import org.peerpath.consent.ConsentFixtures;
import org.peerpath.demo.DemoData;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peerpath.GraphQlErrorAssertions.expectError;
import static org.peerpath.GraphQlErrorAssertions.problems;
import static org.peerpath.demo.DemoData.id;

/**
 * The coach's day over HTTP with real tokens: log, preview, sign, amend and void contacts in Michigan, the
 * billing rules applied on the way, units reserved atomically under concurrent signing, consent for collateral
 * contacts, and every refusal.
 */
class ContactIntegrationTest extends AgencyTest {

    private static final AtomicInteger SLOTS = new AtomicInteger();

    /**
     * A ten-hour slot no other test uses, counted back from 14:00 UTC two days before the clock's today, so every
     * contact is in the past: coach.mi's signed contacts of different tests must not overlap, or the
     * overlapping-service rule (rightly) makes them not billable.
     */
    private Instant slot() {
        Instant base = clock.instant().minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.DAYS)
                .plus(Duration.ofHours(14));
        return base.minus(Duration.ofHours(10L * SLOTS.getAndIncrement()));
    }

    @Test
    void coachLogsPreviewsSignsAmendsAndVoidsAContact() {
        Instant base = slot();
        String enrolleeId = newMichiganEnrollee(40);
        Map<String, Object> input = faceToFace(enrolleeId, base, 60);

        GraphQlTester.Response logged = coach("coach.mi").documentName("logContact").variable("input", input)
                .execute();
        logged.path("logContact.contact.status").entity(String.class).isEqualTo("DRAFT");
        logged.path("logContact.contact.billing.billable").entity(Boolean.class).isEqualTo(false);
        logged.path("logContact.contact.billing.findings[*].code").entityList(String.class)
                .containsExactly("SIGNATURE_REQUIRED");

        coach("coach.mi").documentName("previewContactBilling").variable("input", input).execute()
                .path("previewContactBilling.billable").entity(Boolean.class).isEqualTo(true)
                .path("previewContactBilling.procedureCode").entity(String.class).isEqualTo("T1012")
                .path("previewContactBilling.units").entity(Integer.class).isEqualTo(4)
                .path("previewContactBilling.fundingSource").entity(String.class).isEqualTo("MEDICAID");

        String contactId = (String) input.get("id");
        GraphQlTester.Response signed = sign("coach.mi", contactId, 0);
        signed.path("signContact.contact.status").entity(String.class).isEqualTo("SIGNED")
                .path("signContact.contact.billing.billable").entity(Boolean.class).isEqualTo(true)
                .path("signContact.contact.billing.units").entity(Integer.class).isEqualTo(4)
                .path("signContact.contact.signedBy").entity(String.class).isEqualTo(id("coach.mi"));
        assertThat(usedUnits(enrolleeId)).isEqualTo(4);

        coach("coach.mi").documentName("amendContact").variable("input", Map.of("id", contactId,
                "expectedVersion", 1, "addendumId", UUID.randomUUID().toString(), "reason", "Wrong end time",
                "text", "The meeting ended at the half hour.", "end", base.plus(Duration.ofMinutes(30)).toString()))
                .execute()
                .path("amendContact.contact.billing.units").entity(Integer.class).isEqualTo(2)
                .path("amendContact.contact.addenda[0].reason").entity(String.class).isEqualTo("Wrong end time")
                .path("amendContact.contact.narrative").entity(String.class).isEqualTo(input.get("narrative"));
        assertThat(usedUnits(enrolleeId)).isEqualTo(2);

        coach("coach.mi").documentName("voidContact").variable("input", Map.of("id", contactId,
                "expectedVersion", 2, "reason", "Logged for the wrong enrollee")).execute()
                .path("voidContact.contact.status").entity(String.class).isEqualTo("VOIDED")
                .path("voidContact.contact.history[*].action").entityList(String.class)
                .containsExactly("LOGGED", "SIGNED", "AMENDED", "VOIDED");
        assertThat(usedUnits(enrolleeId)).isZero();
    }

    @Test
    void aRetriedLogCreatesOneContact() {
        Instant base = slot();
        String enrolleeId = newMichiganEnrollee(40);
        Map<String, Object> input = faceToFace(enrolleeId, base, 30);
        coach("coach.mi").documentName("logContact").variable("input", input).execute()
                .path("logContact.contact.id").entity(String.class).isEqualTo((String) input.get("id"));
        coach("coach.mi").documentName("logContact").variable("input", input).execute()
                .path("logContact.contact.id").entity(String.class).isEqualTo((String) input.get("id"));
        coach("coach.mi").documentName("enrolleeContacts").variable("enrolleeId", enrolleeId).execute()
                .path("contacts.edges[*].node.id").entityList(String.class).containsExactly((String) input.get("id"));
    }

    @Test
    void concurrentSigningsNeverTogetherExceedTheAuthorization() throws Exception {
        Instant base = slot();
        String enrolleeId = newMichiganEnrollee(10);
        List<String> contactIds = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Map<String, Object> input = faceToFace(enrolleeId, base.plus(Duration.ofHours(i)), 30);
            coach("coach.mi").documentName("logContact").variable("input", input).execute()
                    .path("logContact.contact.id").hasValue();
            contactIds.add((String) input.get("id"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> signings = contactIds.stream().<Callable<Boolean>>map(id -> () ->
                    sign("coach.mi", id, 0).path("signContact.contact.billing.billable").entity(Boolean.class)
                            .get()).toList();
            List<Boolean> billable = new ArrayList<>();
            for (Future<Boolean> result : pool.invokeAll(signings)) {
                billable.add(result.get());
            }
            // 10 authorized units, 2 units each: exactly five fit.
            assertThat(billable.stream().filter(b -> b).count()).isEqualTo(5);
        }
        finally {
            pool.shutdownNow();
        }
        assertThat(usedUnits(enrolleeId)).isEqualTo(10);
        coach("coach.mi").documentName("unitUsage").variable("enrolleeId", enrolleeId).execute()
                .path("unitUsage.authorizations[0].remaining").entity(Integer.class).isEqualTo(0)
                .path("unitUsage.authorizations[0].nearLimit").entity(Boolean.class).isEqualTo(true);
        List<String> exceeded = coach("coach.mi").documentName("enrolleeContacts").variable("enrolleeId", enrolleeId)
                .variable("filter", Map.of("billable", false)).execute()
                .path("contacts.edges[*].node.billing.findings[*].code").entityList(String.class).get();
        assertThat(exceeded).contains("MI.AUTHORIZATION_EXCEEDED");
    }

    @Test
    void phoneContactUnder15MinutesIsNotBillableInMichigan() {
        Instant base = slot();
        String enrolleeId = newMichiganEnrollee(40);
        Map<String, Object> input = faceToFace(enrolleeId, base, 14);
        input.put("type", "PHONE");
        coach("coach.mi").documentName("logContact").variable("input", input).execute().path("logContact.contact.id")
                .hasValue();
        sign("coach.mi", (String) input.get("id"), 0)
                .path("signContact.contact.billing.billable").entity(Boolean.class).isEqualTo(false)
                .path("signContact.contact.billing.procedureCode").entity(String.class).isEqualTo("H0038")
                .path("signContact.contact.billing.findings[*].code").entityList(String.class)
                .contains("MI.MIN_DURATION");
    }

    @Test
    void collateralContactWithFamilyWithoutConsentIsSavedFlaggedAndNotBillable() {
        Instant base = slot();
        String enrolleeId = newMichiganEnrollee(40);
        Map<String, Object> input = faceToFace(enrolleeId, base, 30);
        input.put("type", "COLLATERAL_FAMILY");
        input.put("personContacted", Map.of("name", "An Aunt Without Consent", "relationship", "aunt"));
        coach("coach.mi").documentName("logContact").variable("input", input).execute()
                .path("logContact.contact.flaggedForReview").entity(Boolean.class).isEqualTo(true);
        sign("coach.mi", (String) input.get("id"), 0)
                .path("signContact.contact.status").entity(String.class).isEqualTo("SIGNED")
                .path("signContact.contact.billing.billable").entity(Boolean.class).isEqualTo(false)
                .path("signContact.contact.billing.findings[*].code").entityList(String.class)
                .contains("CONSENT_MISSING");
    }

    @Test
    void collateralContactUnderAnActiveConsentRecordsTheDisclosure() {
        Instant base = slot();
        String enrolleeId = newMichiganEnrollee(40);
        Map<String, Object> consent = ConsentFixtures.completeConsent(enrolleeId, clock);
        // Talking to her discloses that the enrollee is in the program, Part 2 information the consent must cover.
        consent.put("includesSubstanceUseInformation", true);
        coach("coach.mi").documentName("recordConsent").variable("input", consent).execute()
                .path("recordConsent.consent.id").hasValue();
        Map<String, Object> input = faceToFace(enrolleeId, base, 30);
        input.put("type", "COLLATERAL_FAMILY");
        input.put("personContacted", Map.of("name", "Pat Rivers", "relationship", "sibling",
                "emergencyContactId", DemoData.id("ec." + enrolleeId)));
        coach("coach.mi").documentName("logContact").variable("input", input).execute()
                .path("logContact.contact.flaggedForReview").entity(Boolean.class).isEqualTo(false);
        sign("coach.mi", (String) input.get("id"), 0).path("signContact.contact.billing.findings[*].code")
                .entityList(String.class).doesNotContain("CONSENT_MISSING");
        coach("coach.mi").documentName("disclosures").variable("enrolleeId", enrolleeId).execute()
                .path("disclosures[*].consentId").entityList(String.class).containsExactly((String) consent.get("id"));
    }

    @Test
    void badInputIsRefusedWithEveryProblemAndNothingIsSaved() {
        Instant base = slot();
        String enrolleeId = newMichiganEnrollee(40);
        Map<String, Object> input = faceToFace(enrolleeId, base, 30);
        input.put("end", base.minus(Duration.ofMinutes(5)).toString());
        input.put("narrative", "x".repeat(10_001));
        input.put("groupFormat", "PEER_LED");
        input.put("goalIds", List.of(UUID.randomUUID().toString()));
        ResponseError error = expectError(coach("coach.mi").documentName("logContact").variable("input", input)
                .execute(), "VALIDATION");
        assertThat(problems(error)).anySatisfy(p -> assertThat(p).contains("end must be after"))
                .anySatisfy(p -> assertThat(p).contains("10000"))
                .anySatisfy(p -> assertThat(p).contains("group format"))
                .anySatisfy(p -> assertThat(p).contains("not a goal of this enrollee"));
        expectError(coach("coach.mi").documentName("contact").variable("id", input.get("id")).execute(), "NOT_FOUND");

        Map<String, Object> tooLong = faceToFace(enrolleeId, base.minus(Duration.ofDays(1)), 13 * 60);
        assertThat(problems(expectError(coach("coach.mi").documentName("logContact").variable("input", tooLong)
                .execute(), "VALIDATION"))).anySatisfy(p -> assertThat(p).contains("12 hours"));

        Map<String, Object> future = faceToFace(enrolleeId, clock.instant().plus(Duration.ofMinutes(30)), 30);
        assertThat(problems(expectError(coach("coach.mi").documentName("logContact").variable("input", future)
                .execute(), "VALIDATION"))).anySatisfy(p -> assertThat(p).contains("future"));
    }

    @Test
    void goalsServedMustBeGoalsOfThatEnrollee() {
        Instant base = slot();
        String enrolleeId = newMichiganEnrollee(40);
        String otherEnrolleeId = newMichiganEnrollee(40);
        String ownGoal = planWithGoal(enrolleeId);
        String othersGoal = planWithGoal(otherEnrolleeId);
        Map<String, Object> input = faceToFace(enrolleeId, base, 30);
        input.put("goalIds", List.of(othersGoal));
        assertThat(problems(expectError(coach("coach.mi").documentName("logContact").variable("input", input)
                .execute(), "VALIDATION"))).anySatisfy(p -> assertThat(p).contains(othersGoal + " is not a goal"));
        input.put("goalIds", List.of(ownGoal));
        coach("coach.mi").documentName("logContact").variable("input", input).execute()
                .path("logContact.contact.goalIds").entityList(String.class).containsExactly(ownGoal);
    }

    @Test
    void unknownOrMalformedEnrolleeIsRefused() {
        Instant base = slot();
        expectError(coach("coach.mi").documentName("logContact")
                .variable("input", faceToFace(UUID.randomUUID().toString(), base, 30)).execute(), "NOT_FOUND");
        expectError(coach("coach.mi").documentName("logContact")
                .variable("input", faceToFace("enrollee-7", base, 30)).execute(), "VALIDATION");
    }

    @Test
    void contactsForOtherCaseloadsAreRefusedAsIfTheyDidNotExist() {
        Instant base = slot();
        String enrolleeId = newMichiganEnrollee(40);
        expectError(coach("associate.mi").documentName("logContact")
                .variable("input", faceToFace(enrolleeId, base, 30)).execute(), "NOT_FOUND");
        expectError(coach("coach.in").documentName("logContact")
                .variable("input", faceToFace(enrolleeId, base, 30)).execute(), "NOT_FOUND");
        Map<String, Object> input = faceToFace(enrolleeId, base, 30);
        coach("coach.mi").documentName("logContact").variable("input", input).execute().path("logContact.contact.id")
                .hasValue();
        expectError(sign("associate.mi", (String) input.get("id"), 0), "NOT_FOUND");
        expectError(coach("coach.in").documentName("contact").variable("id", input.get("id")).execute(), "NOT_FOUND");
        expectError(tester("enrollee.mi", "coach").documentName("contact").variable("id", input.get("id")).execute(),
                "FORBIDDEN");
    }

    @Test
    void aSignedContactIsNeverEditedInPlace() {
        Instant base = slot();
        String enrolleeId = newMichiganEnrollee(40);
        Map<String, Object> input = faceToFace(enrolleeId, base, 30);
        coach("coach.mi").documentName("logContact").variable("input", input).execute().path("logContact.contact.id")
                .hasValue();
        sign("coach.mi", (String) input.get("id"), 0).path("signContact.contact.status").hasValue();
        expectError(coach("coach.mi").documentName("updateContactDraft").variable("input",
                Map.of("id", input.get("id"), "expectedVersion", 1, "narrative", "Rewritten")).execute(), "VALIDATION");
        expectError(sign("coach.mi", (String) input.get("id"), 1), "VALIDATION");
    }

    @Test
    void enrolleeSeesTheirContactsWithoutBillingOrNarrative() {
        Instant base = slot();
        Map<String, Object> input = faceToFace(id("enrollee.mi.0"), base, 30);
        coach("coach.mi").documentName("logContact").variable("input", input).execute().path("logContact.contact.id")
                .hasValue();
        sign("coach.mi", (String) input.get("id"), 0).path("signContact.contact.id").hasValue();
        enrollee("enrollee.mi").documentName("myContactHistory").variable("first", 100).execute()
                .path("myContactHistory.edges[*].node.id").entityList(String.class).contains((String) input.get("id"));
        expectError(tester("enrollee.mi", "enrollee").document("{ myContactHistory { edges { node { narrative } } } }")
                .execute(), "VALIDATION");
    }

    @Test
    void coachSeesTheirUnitsThisMonthAndDrafts() {
        coach("coach.mi").documentName("myUnitsThisMonth").execute().path("myUnitsThisMonth.units").hasValue();
        coach("coach.mi").documentName("draftsAwaitingSignature").execute().path("draftsAwaitingSignature")
                .hasValue();
        expectError(tester("supervisor.mi", "coach").documentName("myUnitsThisMonth").execute(), "FORBIDDEN");
    }

    @Test
    void theSupervisorSeesAnAuthorizationWithNinetyPercentOfItsUnitsUsed() {
        Instant base = slot();
        String nearLimit = newMichiganEnrollee(10);
        // Michigan counts whole quarters: four half hours (2 units each) and one quarter hour, 9 of 10 units.
        for (int i = 0; i < 5; i++) {
            signNew(faceToFace(nearLimit, base.plus(Duration.ofHours(i)), i < 4 ? 30 : 15));
        }
        Instant halfBase = slot();
        String halfUsed = newMichiganEnrollee(10);
        for (int i = 0; i < 3; i++) {
            signNew(faceToFace(halfUsed, halfBase.plus(Duration.ofHours(i)), i < 2 ? 30 : 15));
        }
        assertThat(usedUnits(nearLimit)).isEqualTo(9);
        assertThat(usedUnits(halfUsed)).isEqualTo(5);

        List<Map<String, Object>> rows = unitsNearLimit("supervisor.mi").stream()
                .filter(row -> nearLimit.equals(((Map<?, ?>) row.get("enrollee")).get("id"))).toList();
        assertThat(rows).hasSize(1);
        Map<String, Object> row = rows.get(0);
        assertThat(row).containsEntry("kind", "AUTHORIZATION").containsEntry("used", 9).containsEntry("limit", 10)
                .containsEntry("remaining", 1);
        assertThat(((Map<?, ?>) row.get("authorization")).get("unitsAuthorized")).isEqualTo(10);
        assertThat(((Map<?, ?>) row.get("enrollee")).get("lastName")).isEqualTo("Tester");
        assertThat(unitsNearLimit("supervisor.mi")).extracting(r -> (String) ((Map<?, ?>) r.get("enrollee")).get("id"))
                .contains(nearLimit).doesNotContain(halfUsed);
        assertThat(unitsNearLimit("supervisor.in")).extracting(r -> (String) ((Map<?, ?>) r.get("enrollee")).get("id"))
                .doesNotContain(nearLimit, halfUsed);
    }

    /** Every row of the dashboard's unitsNearLimitPage, read a page of 100 at a time. */
    private List<Map<String, Object>> unitsNearLimit(String supervisorLogin) {
        List<Map<String, Object>> rows = new java.util.ArrayList<>();
        String after = null;
        do {
            Map<String, Object> variables = new java.util.HashMap<>(Map.of("first", 100));
            if (after != null) {
                variables.put("limitsAfter", after);
            }
            GraphQlTester.Response response = supervisor(supervisorLogin).documentName("supervisorDashboard")
                    .variables(variables).execute();
            rows.addAll(response.path("supervisorDashboard.unitsNearLimitPage.edges[*].node")
                    .entityList(new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() {
                    }).get());
            after = response.path("supervisorDashboard.unitsNearLimitPage.pageInfo.hasNextPage")
                    .entity(Boolean.class).get()
                    ? response.path("supervisorDashboard.unitsNearLimitPage.pageInfo.endCursor").entity(String.class)
                            .get()
                    : null;
        }
        while (after != null);
        return rows;
    }

    // ---- fixtures ----

    /** Logs and signs {@code input} as coach.mi; the signed contact must be billable. */
    private void signNew(Map<String, Object> input) {
        coach("coach.mi").documentName("logContact").variable("input", input).execute()
                .path("logContact.contact.id").hasValue();
        sign("coach.mi", (String) input.get("id"), 0).path("signContact.contact.billing.billable")
                .entity(Boolean.class).isEqualTo(true);
    }

    private GraphQlTester.Response sign(String login, String contactId, int version) {
        return coach(login).documentName("signContact")
                .variable("input", Map.of("id", contactId, "expectedVersion", version)).execute();
    }

    /** A recovery plan with one goal, created as the coach app does; the goal's id. */
    private String planWithGoal(String enrolleeId) {
        String goalId = UUID.randomUUID().toString();
        coach("coach.mi").documentName("createRecoveryPlan").variable("input", Map.of(
                "id", UUID.randomUUID().toString(), "enrolleeId", enrolleeId, "reviewDate", "2027-03-01",
                "goals", List.of(Map.of("id", goalId, "inOwnWords", "Keep my apartment", "lifeDomain", "HOUSING"))))
                .execute().path("createRecoveryPlan.plan.id").hasValue();
        return goalId;
    }

    private int usedUnits(String enrolleeId) {
        return coach("coach.mi").documentName("unitUsage").variable("enrolleeId", enrolleeId).execute()
                .path("unitUsage.authorizations[0].used").entity(Integer.class).get();
    }

    /** A Michigan enrollee of coach.mi, billable on Medicaid, with one general authorization. */
    private String newMichiganEnrollee(int units) {
        String enrolleeId = UUID.randomUUID().toString();
        admin("admin").documentName("createEnrollee").variable("input", Map.of("id", enrolleeId,
                "firstName", "Contact", "lastName", "Tester", "dateOfBirth", "1985-04-12",
                "fundingSources", List.of("MEDICAID"), "status", "ENROLLED", "enrolledOn", "2026-01-01",
                "coachId", id("coach.mi"),
                "emergencyContacts", List.of(Map.of("id", DemoData.id("ec." + enrolleeId), "name", "Pat Rivers",
                        "relationship", "sibling", "phone", "+1-555-0110")),
                "eligibility", Map.of("needsNotMetByOtherProgram", true, "criteria", List.of("DOCUMENTED_DOMAIN_NEED"),
                        "agreedToParticipate", true))).execute().path("createEnrollee.enrollee.id").hasValue();
        admin("admin").documentName("addAuthorization").variable("input", Map.of("enrolleeId", enrolleeId,
                "id", UUID.randomUUID().toString(), "kind", "GENERAL", "validFrom", "2026-01-01",
                "validTo", "2027-12-31", "unitsAuthorized", units)).execute().path("addAuthorization.enrollee.id")
                .hasValue();
        return enrolleeId;
    }
}
