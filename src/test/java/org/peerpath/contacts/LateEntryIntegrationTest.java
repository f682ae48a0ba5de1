package org.peerpath.contacts;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.GraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peerpath.GraphQlErrorAssertions.expectError;
import static org.peerpath.GraphQlErrorAssertions.problems;

/**
 * Late entries over HTTP (issue 11, item 7; CMS FAQ A1 asks for safeguards against over-billing): a contact
 * documented more than the organization's {@code lateEntryDays} after its date of service needs a reason, is marked
 * late and billed with a LATE_ENTRY warning; more than {@code lateEntryHardLimitDays} it is refused and nothing is
 * written. Judged at logging and, decisively, at signing: a draft logged on time and signed late is a late entry.
 * Every test pins the instant it is about.
 */
class LateEntryIntegrationTest extends AgencyTest {

    private static final ZoneId DETROIT = ZoneId.of("America/Detroit");
    /** 10:00 on Tuesday 1 December 2026 in Detroit. */
    private static final Instant NOW = Instant.parse("2026-12-01T15:00:00Z");
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 1);
    private static final String REASON = "Entered from the paper note of the jail visit, found in the car.";

    @Test
    void aContactOlderThanTheLimitNeedsAReasonIsMarkedLateAndBilledWithAWarning() {
        clock.pin(NOW);
        Agency agency = michigan();
        String client = client(agency);

        // 31 days before today in Detroit, no reason, and an end before the start: every problem, nothing written.
        Map<String, Object> late = faceToFace(client, daysAgo(31), 60);
        Map<String, Object> broken = new HashMap<>(late);
        broken.put("end", daysAgo(31).minus(Duration.ofMinutes(5)).toString());
        ResponseError refused = expectError(log(agency, broken), "VALIDATION");
        assertThat(problems(refused)).hasSize(2).anySatisfy(p -> assertThat(p)
                .contains("late entry", "2026-10-31", "31 days", "limit of 30 days", "lateEntryReason"))
                .anySatisfy(p -> assertThat(p).contains("end must be after the start"));
        expectError(log(agency, late), "VALIDATION");
        expectError(coach(agency.coach()).documentName("contact").variable("id", late.get("id")).execute(),
                "NOT_FOUND");
        coach(agency.coach()).documentName("enrolleeContacts").variable("enrolleeId", client).execute()
                .path("contacts.edges").entityList(Object.class).hasSize(0);

        // The preview shows the warning and says a reason is needed, before anything is saved.
        GraphQlTester.Response preview = coach(agency.coach()).documentName("previewContactBilling")
                .variable("input", late).execute();
        preview.path("previewContactBilling.findings[*].code").entityList(String.class).containsExactly("LATE_ENTRY");
        assertThat(preview.path("previewContactBilling.findings[0].message").entity(String.class).get())
                .contains("31 days", "reason is needed");

        late.put("lateEntryReason", REASON);
        GraphQlTester.Response logged = log(agency, late);
        logged.path("logContact.contact.late").entity(Boolean.class).isEqualTo(true)
                .path("logContact.contact.lateEntry.reason").entity(String.class).isEqualTo(REASON)
                .path("logContact.contact.lateEntry.daysAfterService").entity(Integer.class).isEqualTo(31)
                .path("logContact.contact.lateEntry.lateEntryDays").entity(Integer.class).isEqualTo(30)
                .path("logContact.contact.lateEntry.atSigning").entity(Boolean.class).isEqualTo(false)
                .path("logContact.contact.billing.findings[*].code").entityList(String.class)
                .containsExactly("SIGNATURE_REQUIRED", "LATE_ENTRY");

        // Signed the same day: the reason on the draft carries; the judgement at signing is the one that stands.
        GraphQlTester.Response signed = sign(agency.coach(), (String) late.get("id"));
        signed.path("signContact.contact.status").entity(String.class).isEqualTo("SIGNED")
                .path("signContact.contact.billing.billable").entity(Boolean.class).isEqualTo(true)
                .path("signContact.contact.late").entity(Boolean.class).isEqualTo(true)
                .path("signContact.contact.lateEntry.atSigning").entity(Boolean.class).isEqualTo(true)
                .path("signContact.contact.lateEntry.judgedAt").entity(String.class).isEqualTo(NOW.toString())
                .path("signContact.contact.lateEntry.reason").entity(String.class).isEqualTo(REASON)
                .path("signContact.contact.billing.findings[*].code").entityList(String.class)
                .containsExactly("LATE_ENTRY")
                .path("signContact.contact.billing.findings[0].severity").entity(String.class).isEqualTo("WARNING");
        assertThat(usedUnits(agency, client)).isEqualTo(4);

        // The supervisor sees the mark; an addendum keeps it and the warning.
        supervisor(agency.supervisor()).documentName("enrolleeContacts").variable("enrolleeId", client).execute()
                .path("contacts.edges[0].node.late").entity(Boolean.class).isEqualTo(true)
                .path("contacts.edges[0].node.lateEntry.reason").entity(String.class).isEqualTo(REASON);
        coach(agency.coach()).documentName("amendContact").variable("input", Map.of("id", late.get("id"),
                "expectedVersion", 1, "addendumId", UUID.randomUUID().toString(), "reason", "Clarification",
                "text", "The visit was in the county jail's visiting room.")).execute()
                .path("amendContact.contact.late").entity(Boolean.class).isEqualTo(true)
                .path("amendContact.contact.billing.findings[*].code").entityList(String.class)
                .containsExactly("LATE_ENTRY");

        // Exactly 30 days is on time: no reason, no mark, no warning.
        Map<String, Object> onTime = faceToFace(client, daysAgo(30), 30);
        log(agency, onTime).path("logContact.contact.late").entity(Boolean.class).isEqualTo(false)
                .path("logContact.contact.lateEntry").valueIsNull();
        sign(agency.coach(), (String) onTime.get("id")).path("signContact.contact.billing.findings").entityList(Object.class)
                .hasSize(0).path("signContact.contact.late").entity(Boolean.class).isEqualTo(false);
    }

    @Test
    void aDraftLoggedOnTimeAndSignedFortyDaysAfterTheServiceIsALateSignature() {
        clock.pin(NOW);
        Agency agency = michigan();
        String client = client(agency);
        Map<String, Object> draft = faceToFace(client, daysAgo(10), 60);
        log(agency, draft).path("logContact.contact.late").entity(Boolean.class).isEqualTo(false);

        // Thirty days later the note is still unsigned: 40 days after the service, signing it is a late entry.
        Instant forty = NOW.plus(Duration.ofDays(30));
        clock.pin(forty);
        ResponseError refused = expectError(sign(agency.coach(), (String) draft.get("id")), "VALIDATION");
        assertThat(problems(refused)).singleElement().satisfies(p -> assertThat(p)
                .contains("late entry", "40 days", "lateEntryReason", "sign"));
        coach(agency.coach()).documentName("contact").variable("id", draft.get("id")).execute()
                .path("contact.status").entity(String.class).isEqualTo("DRAFT")
                .path("contact.version").entity(Integer.class).isEqualTo(0);
        assertThat(usedUnits(agency, client)).isZero();

        GraphQlTester.Response signed = coach(agency.coach()).documentName("signContact").variable("input", Map.of(
                "id", draft.get("id"), "expectedVersion", 0, "lateEntryReason", "I was out sick for three weeks."))
                .execute();
        signed.path("signContact.contact.status").entity(String.class).isEqualTo("SIGNED")
                .path("signContact.contact.billing.billable").entity(Boolean.class).isEqualTo(true)
                .path("signContact.contact.late").entity(Boolean.class).isEqualTo(true)
                .path("signContact.contact.lateEntry.daysAfterService").entity(Integer.class).isEqualTo(40)
                .path("signContact.contact.lateEntry.atSigning").entity(Boolean.class).isEqualTo(true)
                .path("signContact.contact.lateEntry.judgedAt").entity(String.class).isEqualTo(forty.toString())
                .path("signContact.contact.lateEntry.reason").entity(String.class)
                .isEqualTo("I was out sick for three weeks.")
                .path("signContact.contact.billing.findings[*].code").entityList(String.class)
                .containsExactly("LATE_ENTRY");
        assertThat(signed.path("signContact.contact.history[1].detail").entity(String.class).get())
                .contains("late entry, 40 days after the date of service");
        assertThat(usedUnits(agency, client)).isEqualTo(4);
    }

    @Test
    void olderThanTheHardLimitIsRefusedAndNothingIsWritten() {
        clock.pin(NOW);
        Agency agency = michigan();
        String client = client(agency);

        Map<String, Object> tooOld = faceToFace(client, daysAgo(366), 60);
        tooOld.put("lateEntryReason", REASON);
        assertThat(problems(expectError(log(agency, tooOld), "VALIDATION"))).singleElement()
                .satisfies(p -> assertThat(p).contains("cannot be entered", "366 days", "hard limit of 365 days"));
        expectError(coach(agency.coach()).documentName("previewContactBilling").variable("input", tooOld).execute(),
                "VALIDATION");
        expectError(coach(agency.coach()).documentName("contact").variable("id", tooOld.get("id")).execute(),
                "NOT_FOUND");

        Map<String, Object> yearOld = faceToFace(client, daysAgo(365), 60);
        yearOld.put("lateEntryReason", REASON);
        log(agency, yearOld).path("logContact.contact.lateEntry.daysAfterService").entity(Integer.class)
                .isEqualTo(365);

        // A draft logged late but in time, left unsigned past the hard limit, can no longer be signed; it can be
        // voided.
        Map<String, Object> draft = faceToFace(client, daysAgo(300), 60);
        draft.put("lateEntryReason", REASON);
        log(agency, draft).path("logContact.contact.late").entity(Boolean.class).isEqualTo(true);
        clock.pin(NOW.plus(Duration.ofDays(66)));
        assertThat(problems(expectError(sign(agency.coach(), (String) draft.get("id")), "VALIDATION")))
                .singleElement().satisfies(p -> assertThat(p).contains("cannot be signed", "366 days"));
        coach(agency.coach()).documentName("contact").variable("id", draft.get("id")).execute()
                .path("contact.status").entity(String.class).isEqualTo("DRAFT");
        assertThat(usedUnits(agency, client)).isZero();
        coach(agency.coach()).documentName("voidContact").variable("input", Map.of("id", draft.get("id"),
                "expectedVersion", 0, "reason", "Past the hard limit for late entries")).execute()
                .path("voidContact.contact.status").entity(String.class).isEqualTo("VOIDED");
    }

    @Test
    void theLimitsAreTheOrganizationsSettingsChangedByItsAdministrator() {
        clock.pin(NOW);
        Agency agency = michigan();
        String client = client(agency);
        admin(agency.admin()).documentName("organizationSetup").execute()
                .path("organization.lateEntryDays").entity(Integer.class).isEqualTo(30)
                .path("organization.lateEntryHardLimitDays").entity(Integer.class).isEqualTo(365);

        assertThat(problems(expectError(updateOrganization(agency.admin(), Map.of("expectedVersion", 0,
                "lateEntryDays", 0, "lateEntryHardLimitDays", -5)), "VALIDATION")))
                .containsExactly("'lateEntryDays' must be at least 1, got 0.",
                        "'lateEntryHardLimitDays' must be at least 1, got -5.");
        assertThat(problems(expectError(updateOrganization(agency.admin(), Map.of("expectedVersion", 0,
                "lateEntryDays", 400)), "VALIDATION")))
                .containsExactly("'lateEntryDays' (400) must be less than 'lateEntryHardLimitDays' (365).");
        assertThat(problems(expectError(updateOrganization(agency.admin(), Map.of("expectedVersion", 0,
                "lateEntryHardLimitDays", 30)), "VALIDATION")))
                .containsExactly("'lateEntryDays' (30) must be less than 'lateEntryHardLimitDays' (30).");
        expectError(tester(agency.supervisor(), "admin").documentName("updateOrganization").variable("input",
                Map.of("expectedVersion", 0, "lateEntryDays", 7)).execute(), "FORBIDDEN");
        admin(agency.admin()).documentName("organizationSetup").execute()
                .path("organization.version").entity(Integer.class).isEqualTo(0)
                .path("organization.lateEntryDays").entity(Integer.class).isEqualTo(30);

        updateOrganization(agency.admin(), Map.of("expectedVersion", 0, "lateEntryDays", 7,
                "lateEntryHardLimitDays", 14))
                .path("updateOrganization.organization.lateEntryDays").entity(Integer.class).isEqualTo(7)
                .path("updateOrganization.organization.lateEntryHardLimitDays").entity(Integer.class).isEqualTo(14)
                .path("updateOrganization.organization.version").entity(Integer.class).isEqualTo(1);

        Map<String, Object> weekOld = faceToFace(client, daysAgo(7), 30);
        log(agency, weekOld).path("logContact.contact.late").entity(Boolean.class).isEqualTo(false);
        Map<String, Object> eightDays = faceToFace(client, daysAgo(8), 30);
        assertThat(problems(expectError(log(agency, eightDays), "VALIDATION"))).singleElement()
                .satisfies(p -> assertThat(p).contains("8 days", "limit of 7 days"));
        eightDays.put("lateEntryReason", REASON);
        log(agency, eightDays).path("logContact.contact.lateEntry.lateEntryDays").entity(Integer.class).isEqualTo(7);
        Map<String, Object> fifteenDays = faceToFace(client, daysAgo(15), 30);
        fifteenDays.put("lateEntryReason", REASON);
        assertThat(problems(expectError(log(agency, fifteenDays), "VALIDATION"))).singleElement()
                .satisfies(p -> assertThat(p).contains("hard limit of 14 days"));
    }

    @Test
    void onADetroitEveningWhenUtcIsAlreadyTomorrowDaysAreCountedInDetroit() {
        // 20:00 on 1 December in Detroit is 01:00 on 2 December in UTC.
        Instant evening = Instant.parse("2026-12-02T01:00:00Z");
        clock.pin(evening);
        Agency agency = michigan();
        String client = client(agency);

        // 1 November at 10:00 in Detroit: 30 days ago in Detroit (on time), though UTC already counts 31.
        Map<String, Object> thirty = faceToFace(client, LocalDate.of(2026, 11, 1).atTime(10, 0).atZone(DETROIT)
                .toInstant(), 60);
        log(agency, thirty).path("logContact.contact.late").entity(Boolean.class).isEqualTo(false);
        sign(agency.coach(), (String) thirty.get("id")).path("signContact.contact.billing.findings")
                .entityList(Object.class).hasSize(0);

        // 31 October at 23:00 in Detroit (already 1 November in UTC): 31 days ago in Detroit, a late entry.
        Map<String, Object> thirtyOne = faceToFace(client, LocalDate.of(2026, 10, 31).atTime(23, 0).atZone(DETROIT)
                .toInstant(), 30);
        assertThat(problems(expectError(log(agency, thirtyOne), "VALIDATION"))).singleElement()
                .satisfies(p -> assertThat(p).contains("2026-10-31", "31 days", "(2026-12-01)"));
    }

    private GraphQlTester.Response log(Agency agency, Map<String, Object> input) {
        return coach(agency.coach()).documentName("logContact").variable("input", input).execute();
    }

    private GraphQlTester.Response updateOrganization(String admin, Map<String, Object> input) {
        return admin(admin).documentName("updateOrganization").variable("input", input).execute();
    }

    /** 14:00 in Detroit, {@code days} calendar days before {@link #TODAY}. */
    private static Instant daysAgo(int days) {
        return TODAY.minusDays(days).atTime(14, 0).atZone(DETROIT).toInstant();
    }

    /** A client of the agency's first coach with a general authorization of 400 units (2020 to 2035). */
    private String client(Agency agency) {
        String enrolleeId = enrollee(agency);
        authorize(agency, enrolleeId, "GENERAL", 400);
        return enrolleeId;
    }
}
