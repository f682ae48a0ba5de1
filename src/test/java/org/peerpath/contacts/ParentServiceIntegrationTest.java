package org.peerpath.contacts;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.GraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peerpath.GraphQlErrorAssertions.expectError;
import static org.peerpath.GraphQlErrorAssertions.problems;
import static org.peerpath.demo.DemoData.id;

/**
 * Parents and legal guardians of a child enrollee, over HTTP (issue 11, item 4; CMS FAQ A5, seeds/004, every pack;
 * TennCare policy, seeds/000): the parent's record names the child, a Medicaid-eligible minor of the same
 * organization; a service to the parent bills only while the child is one on the date of service and only when it
 * was directed to the child's benefit, under the pack's own code where it has one.
 */
class ParentServiceIntegrationTest extends AgencyTest {

    private static final ZoneId DETROIT = ZoneId.of("America/Detroit");

    // ---- the record ----

    @Test
    void theParentsRecordNamesAMedicaidEligibleMinorOfTheSameOrganization() {
        pinNowAndServiceDay();
        Agency agency = michigan();
        String child = person(agency, LocalDate.of(2015, 6, 1), "MEDICAID");
        String parentId = UUID.randomUUID().toString();

        admin(agency.admin()).documentName("createEnrollee").variable("input", parent(agency, parentId, child))
                .execute()
                .path("createEnrollee.enrollee.parentOrGuardianOfChild").entity(Boolean.class).isEqualTo(true)
                .path("createEnrollee.enrollee.childEnrolleeId").entity(String.class).isEqualTo(child);
        coach(agency.coach()).documentName("enrollee").variable("id", parentId).execute()
                .path("enrollee.childEnrolleeId").entity(String.class).isEqualTo(child);
        assertThat(auditTrail(agency.supervisor(), child)).anyMatch(e -> e.startsWith("createEnrollee/ALLOWED/"));

        // Unlinked with false, linked again with the child's id.
        admin(agency.admin()).documentName("updateEnrollee").variable("input", Map.of("id", parentId,
                "expectedVersion", 0, "parentOrGuardianOfChild", false)).execute()
                .path("updateEnrollee.enrollee.parentOrGuardianOfChild").entity(Boolean.class).isEqualTo(false)
                .path("updateEnrollee.enrollee.childEnrolleeId").valueIsNull();
        admin(agency.admin()).documentName("updateEnrollee").variable("input", Map.of("id", parentId,
                "expectedVersion", 1, "childEnrolleeId", child)).execute()
                .path("updateEnrollee.enrollee.parentOrGuardianOfChild").entity(Boolean.class).isEqualTo(true)
                .path("updateEnrollee.enrollee.childEnrolleeId").entity(String.class).isEqualTo(child);
    }

    @Test
    void aChildWhoIsAnAdultOrNotOnMedicaidIsRefusedWithEveryProblemAndNothingWritten() {
        pinNowAndServiceDay();
        Agency agency = michigan();
        String adultWithoutMedicaid = person(agency, LocalDate.of(1990, 1, 1), "PA2");
        String parentId = UUID.randomUUID().toString();
        Map<String, Object> input = parent(agency, parentId, adultWithoutMedicaid);
        input.put("firstName", " ");

        ResponseError error = expectError(admin(agency.admin()).documentName("createEnrollee")
                .variable("input", input).execute(), "VALIDATION");
        assertThat(problems(error)).hasSize(3)
                .anySatisfy(p -> assertThat(p).contains("firstName"))
                .anySatisfy(p -> assertThat(p).contains(adultWithoutMedicaid, "18 or older"))
                .anySatisfy(p -> assertThat(p).contains(adultWithoutMedicaid, "no Medicaid"));
        expectError(admin(agency.admin()).documentName("updateEnrollee").variable("input", Map.of("id", parentId,
                "expectedVersion", 0, "preferredName", "x")).execute(), "NOT_FOUND");

        // Flagged as a parent without naming the child; naming themself as their own child.
        Map<String, Object> unnamed = parent(agency, UUID.randomUUID().toString(), null);
        unnamed.put("parentOrGuardianOfChild", true);
        assertThat(problems(expectError(admin(agency.admin()).documentName("createEnrollee")
                .variable("input", unnamed).execute(), "VALIDATION")))
                .containsExactly("A parent or guardian's record names the child enrollee: give 'childEnrolleeId'"
                        + " (CMS FAQ A5).");
        String adult = person(agency, LocalDate.of(1980, 1, 1), "MEDICAID");
        assertThat(problems(expectError(admin(agency.admin()).documentName("updateEnrollee").variable("input",
                Map.of("id", adult, "expectedVersion", 0, "childEnrolleeId", adult)).execute(), "VALIDATION")))
                .containsExactly("'childEnrolleeId' names the child, not the parent or guardian themself.");
        coach(agency.coach()).documentName("enrollee").variable("id", adult).execute()
                .path("enrollee.parentOrGuardianOfChild").entity(Boolean.class).isEqualTo(false)
                .path("enrollee.version").entity(Integer.class).isEqualTo(0);
    }

    @Test
    void anotherOrganizationsChildAnswersLikeAnUnknownIdAndTheAttemptIsAudited() {
        pinNowAndServiceDay();
        Agency agency = michigan();
        String elsewhere = id("enrollee.mi.3"); // the demo's 15-year-old on Medicaid, of another organization
        String unknown = UUID.randomUUID().toString();

        String refusedElsewhere = problems(expectError(admin(agency.admin()).documentName("createEnrollee")
                .variable("input", parent(agency, UUID.randomUUID().toString(), elsewhere)).execute(), "VALIDATION"))
                .get(0);
        String refusedUnknown = problems(expectError(admin(agency.admin()).documentName("createEnrollee")
                .variable("input", parent(agency, UUID.randomUUID().toString(), unknown)).execute(), "VALIDATION"))
                .get(0);

        assertThat(refusedElsewhere.replace(elsewhere, "<id>")).isEqualTo(refusedUnknown.replace(unknown, "<id>"))
                .isEqualTo("'childEnrolleeId': enrollee <id> was not found.");
        assertThat(auditTrail("supervisor.mi", elsewhere)).anyMatch(e -> e.startsWith("createEnrollee/DENIED/"));
        // Only an administrator links a child.
        String adult = person(agency, LocalDate.of(1980, 1, 1), "MEDICAID");
        String child = person(agency, LocalDate.of(2016, 1, 1), "MEDICAID");
        expectError(supervisor(agency.supervisor()).document("mutation($input: UpdateEnrolleeInput!) {"
                + " updateEnrollee(input: $input) { enrollee { id } } }").variable("input", Map.of("id", adult,
                "expectedVersion", 0, "childEnrolleeId", child)).execute(), "FORBIDDEN");
        coach(agency.coach()).documentName("enrollee").variable("id", adult).execute()
                .path("enrollee.childEnrolleeId").valueIsNull();
    }

    @Test
    void theDemosFifteenYearOldIsAChildAndTheirParentNamesThem() {
        supervisor("supervisor.tn").documentName("enrollee").variable("id", id("enrollee.tn.3")).execute()
                .path("enrollee.parentOrGuardianOfChild").entity(Boolean.class).isEqualTo(false)
                .path("enrollee.childEnrolleeId").valueIsNull();
        for (String state : List.of("mi", "in", "tn")) {
            supervisor("supervisor." + state).documentName("enrollee").variable("id", id("enrollee." + state + ".8"))
                    .execute()
                    .path("enrollee.parentOrGuardianOfChild").entity(Boolean.class).isEqualTo(true)
                    .path("enrollee.childEnrolleeId").entity(String.class).isEqualTo(id("enrollee." + state + ".3"));
        }
    }

    // ---- billing ----

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "MI, America/Detroit,              GENERAL,             NOT_FOR_CHILD_BENEFIT",
            "IN, America/Indiana/Indianapolis, PRIOR_AUTHORIZATION, NOT_FOR_CHILD_BENEFIT",
            "TN, America/Chicago,              PLAN_OF_CARE,        TN.NOT_FOR_CHILD_BENEFIT"})
    void aServiceToAParentBillsOnlyWhenDirectedToTheChildsBenefitInEveryPack(String pack, String zone,
            String authorization, String code) {
        Instant at = pinNowAndServiceDay();
        Agency agency = agency(pack, zone, pack.equals("TN"));
        String child = person(agency, LocalDate.of(2016, 1, 1), "MEDICAID");
        String parentId = UUID.randomUUID().toString();
        admin(agency.admin()).documentName("createEnrollee").variable("input", parent(agency, parentId, child))
                .execute().path("createEnrollee.enrollee.id").hasValue();
        authorize(agency, parentId, authorization, 96);

        Map<String, Object> unanswered = faceToFace(parentId, at, 60);
        coach(agency.coach()).documentName("previewContactBilling").variable("input", unanswered).execute()
                .path("previewContactBilling.billable").entity(Boolean.class).isEqualTo(false)
                .path("previewContactBilling.findings[*].code").entityList(String.class).containsExactly(code)
                .path("previewContactBilling.findings[0].source").entity(String.class)
                .satisfies(source -> assertThat(source).contains("CMS FAQ A5"));
        signNew(agency.coach(), unanswered)
                .path("signContact.contact.status").entity(String.class).isEqualTo("SIGNED")
                .path("signContact.contact.billing.billable").entity(Boolean.class).isEqualTo(false)
                .path("signContact.contact.billing.findings[*].code").entityList(String.class).containsExactly(code);

        Map<String, Object> notDirected = faceToFace(parentId, at.plus(Duration.ofHours(2)), 60);
        notDirected.put("directedToChildBenefit", false);
        signNew(agency.coach(), notDirected)
                .path("signContact.contact.billing.findings[*].code").entityList(String.class).containsExactly(code);

        Map<String, Object> directed = faceToFace(parentId, at.plus(Duration.ofHours(4)), 60);
        directed.put("directedToChildBenefit", true);
        signNew(agency.coach(), directed)
                .path("signContact.contact.billing.billable").entity(Boolean.class).isEqualTo(true)
                .path("signContact.contact.directedToChildBenefit").entity(Boolean.class).isEqualTo(true);
        if (!pack.equals("IN")) { // Indiana draws on its rolling allowance before a prior authorization
            assertThat(usedUnits(agency, parentId)).isEqualTo(4);
        }
        assertThat(auditTrail(agency.supervisor(), child)).anyMatch(e -> e.startsWith("parentServiceBilling/ALLOWED/"));
    }

    @Test
    void servicesStopBillingOnTheDayTheChildTurns18() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.HOURS);
        LocalDate birthday = LocalDate.ofInstant(now.minus(Duration.ofDays(2)), DETROIT);
        // Linked while the child was 17: three days ago.
        clock.pin(now.minus(Duration.ofDays(3)));
        Agency agency = michigan();
        String child = person(agency, birthday.minusYears(18), "MEDICAID");
        String parentId = UUID.randomUUID().toString();
        admin(agency.admin()).documentName("createEnrollee").variable("input", parent(agency, parentId, child))
                .execute().path("createEnrollee.enrollee.childEnrolleeId").entity(String.class).isEqualTo(child);
        authorize(agency, parentId, "GENERAL", 96);
        clock.pin(now);

        Map<String, Object> dayBefore = faceToFace(parentId,
                birthday.minusDays(1).atTime(10, 0).atZone(DETROIT).toInstant(), 60);
        dayBefore.put("directedToChildBenefit", true);
        signNew(agency.coach(), dayBefore)
                .path("signContact.contact.billing.billable").entity(Boolean.class).isEqualTo(true);

        Map<String, Object> onTheBirthday = faceToFace(parentId, birthday.atTime(10, 0).atZone(DETROIT).toInstant(),
                60);
        onTheBirthday.put("directedToChildBenefit", true);
        GraphQlTester.Response signed = signNew(agency.coach(), onTheBirthday);
        signed.path("signContact.contact.billing.billable").entity(Boolean.class).isEqualTo(false)
                .path("signContact.contact.billing.findings[*].code").entityList(String.class)
                .containsExactly("CHILD_NOT_ELIGIBLE")
                .path("signContact.contact.billing.findings[0].message").entity(String.class)
                .satisfies(message -> assertThat(message).contains("18 or older on " + birthday));
        assertThat(usedUnits(agency, parentId)).isEqualTo(4);

        // Now 18, the child can no longer be named on a parent's record.
        assertThat(problems(expectError(admin(agency.admin()).documentName("createEnrollee").variable("input",
                parent(agency, UUID.randomUUID().toString(), child)).execute(), "VALIDATION")))
                .singleElement().satisfies(p -> assertThat(p).contains("18 or older"));
    }

    /** An enrollee of the agency's first coach, enrolled since 2020; its id. */
    private String person(Agency agency, LocalDate born, String funding) {
        String personId = UUID.randomUUID().toString();
        Map<String, Object> input = Map.of("id", personId, "firstName", "Kid", "lastName", "Tester",
                "dateOfBirth", born.toString(), "fundingSources", List.of(funding), "status", "ENROLLED",
                "enrolledOn", "2020-01-01", "coachId", agency.coachId());
        admin(agency.admin()).documentName("createEnrollee").variable("input", input).execute()
                .path("createEnrollee.enrollee.id").hasValue();
        return personId;
    }

    /** A parent on Medicaid, eligible, of the agency's first coach, naming {@code childId} (null: none). */
    private static Map<String, Object> parent(Agency agency, String parentId, String childId) {
        Map<String, Object> input = new HashMap<>(Map.of("id", parentId, "firstName", "Parent",
                "lastName", "Tester", "dateOfBirth", "1984-02-03", "fundingSources", List.of("MEDICAID"),
                "status", "ENROLLED", "enrolledOn", "2020-01-01", "coachId", agency.coachId(),
                "eligibility", Map.of("needsNotMetByOtherProgram", true, "criteria", List.of("DOCUMENTED_DOMAIN_NEED"),
                        "agreedToParticipate", true)));
        if (childId != null) {
            input.put("childEnrolleeId", childId);
        }
        return input;
    }
}
