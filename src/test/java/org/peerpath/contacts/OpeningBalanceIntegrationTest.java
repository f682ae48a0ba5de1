package org.peerpath.contacts;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.graphql.test.tester.GraphQlTester;

import org.peerpath.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peerpath.GraphQlErrorAssertions.expectError;
import static org.peerpath.GraphQlErrorAssertions.problems;
import static org.peerpath.demo.DemoData.id;

/**
 * Opening balances (issue 10, item 3) over HTTP: units a client used before PeerPath count on the unit ledger
 * exactly like signed units, an administrator enters them once (idempotent, audited), and bad input is refused
 * whole with every problem listed and nothing written.
 */
class OpeningBalanceIntegrationTest extends IntegrationTest {

    private static final ZoneId INDIANA = ZoneId.of("America/Indiana/Indianapolis");

    @Test
    void anOpeningBalanceOf1456UnitsLeavesFourBillableUnitsInIndiana() {
        String client = newClient("admin.in", "coach.in");
        LocalDate today = LocalDate.ofInstant(clock.instant(), INDIANA);
        Map<String, Object> input = balance(client, null, today.minusDays(20), 1_456);
        GraphQlTester.Response recorded = admin("admin.in").documentName("recordOpeningBalance")
                .variable("input", input).execute();
        recorded.path("recordOpeningBalance.openingBalance.units").entity(Integer.class).isEqualTo(1_456)
                .path("recordOpeningBalance.openingBalance.enteredBy").entity(String.class).isEqualTo(id("admin.in"))
                .path("recordOpeningBalance.usage.rollingWindow.used").entity(Integer.class).isEqualTo(1_456)
                .path("recordOpeningBalance.usage.rollingWindow.remaining").entity(Integer.class).isEqualTo(4);
        // A retry (lost connection) returns the same balance and counts nothing twice.
        admin("admin.in").documentName("recordOpeningBalance").variable("input", input).execute()
                .path("recordOpeningBalance.usage.rollingWindow.used").entity(Integer.class).isEqualTo(1_456);

        Instant day = today.minusDays(6).atTime(10, 0).atZone(INDIANA).toInstant();
        String fiveUnits = logAndSign(client, day, 75);
        assertThat(findingsOf(fiveUnits)).contains("IN.ANNUAL_LIMIT_REACHED");
        String fourUnits = logAndSign(client, day.plus(Duration.ofHours(2)), 60);
        coach("coach.in").documentName("contact").variable("id", fourUnits).execute()
                .path("contact.billing.billable").entity(Boolean.class).isEqualTo(true)
                .path("contact.billing.units").entity(Integer.class).isEqualTo(4);
        coach("coach.in").documentName("unitUsage").variable("enrolleeId", client).execute()
                .path("unitUsage.rollingWindow.used").entity(Integer.class).isEqualTo(1_460)
                .path("unitUsage.rollingWindow.remaining").entity(Integer.class).isEqualTo(0);

        // The same five units without the balance are billable: the balance made the difference.
        String control = newClient("admin.in", "coach.in");
        String controlContact = logAndSign(control, day.plus(Duration.ofHours(4)), 75);
        coach("coach.in").documentName("contact").variable("id", controlContact).execute()
                .path("contact.billing.billable").entity(Boolean.class).isEqualTo(true);

        assertThat(auditTrail("supervisor.in", client)).contains("recordOpeningBalance/ALLOWED/" + id("admin.in"));
    }

    @Test
    void badInputIsRefusedWholeWithEveryProblemAndNothingWritten() {
        String client = newClient("admin", "coach.mi");
        String authorization = addAuthorization(client, 10);
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneId.of("America/Detroit"));

        Map<String, Object> tooMuch = balance(client, authorization, today.plusDays(1), 11);
        tooMuch.put("source", " ");
        assertThat(problems(expectError(admin("admin").documentName("recordOpeningBalance")
                .variable("input", tooMuch).execute(), "VALIDATION"))).containsExactlyInAnyOrder(
                "'source' must not be blank.",
                "'usedBefore' must not be after today (" + today + "): only units already used count.",
                "An opening balance of 11 units is larger than authorization " + authorization + " (10 units).");
        tooMuch.put("source", "Payer statement");
        tooMuch.put("usedBefore", today.toString());
        assertThat(problems(expectError(admin("admin").documentName("recordOpeningBalance")
                .variable("input", tooMuch).execute(), "VALIDATION"))).containsExactly("An opening balance of 11 units"
                + " is larger than authorization " + authorization + " (10 units).");
        Map<String, Object> beforeItBegan = balance(client, authorization, LocalDate.parse("2026-01-01"), 2);
        expectError(admin("admin").documentName("recordOpeningBalance").variable("input", beforeItBegan).execute(),
                "VALIDATION");
        Map<String, Object> noWindowInMichigan = balance(client, null, today, 2);
        assertThat(problems(expectError(admin("admin").documentName("recordOpeningBalance")
                .variable("input", noWindowInMichigan).execute(), "VALIDATION"))).containsExactly("Name the"
                + " authorization the units were used against: only Indiana counts units in a rolling 12-month window.");
        assertThat(used(client)).isZero();

        // Against what is left: 8 units fit, 3 more do not; the refused one leaves the ledger as it was.
        admin("admin").documentName("recordOpeningBalance").variable("input", balance(client, authorization, today, 8))
                .execute().path("recordOpeningBalance.usage.authorizations[0].remaining").entity(Integer.class)
                .isEqualTo(2);
        Map<String, Object> three = balance(client, authorization, today, 3);
        assertThat(problems(expectError(admin("admin").documentName("recordOpeningBalance").variable("input", three)
                .execute(), "VALIDATION"))).containsExactly("Authorization " + authorization + " has only 2 of its"
                + " 10 units left; the opening balance needs 3.");
        assertThat(used(client)).isEqualTo(8);
        // The refused id was not taken: it is free for a valid balance.
        three.put("units", 2);
        admin("admin").documentName("recordOpeningBalance").variable("input", three).execute()
                .path("recordOpeningBalance.usage.authorizations[0].used").entity(Integer.class).isEqualTo(10);
        // The same id with other content is a conflict and counts nothing.
        three.put("units", 1);
        expectError(admin("admin").documentName("recordOpeningBalance").variable("input", three).execute(),
                "CONFLICT");
        assertThat(used(client)).isEqualTo(10);
    }

    @Test
    void onlyAnAdministratorOfTheClientsOrganizationEntersABalanceAndEveryRefusalIsAudited() {
        String client = newClient("admin.in", "coach.in");
        LocalDate today = LocalDate.ofInstant(clock.instant(), INDIANA);
        expectError(tester("coach.in", "admin").documentName("recordOpeningBalance")
                .variable("input", balance(client, null, today, 5)).execute(), "FORBIDDEN");
        expectError(tester("supervisor.in", "admin").documentName("recordOpeningBalance")
                .variable("input", balance(client, null, today, 5)).execute(), "FORBIDDEN");
        expectError(admin("admin").documentName("recordOpeningBalance")
                .variable("input", balance(client, null, today, 5)).execute(), "NOT_FOUND");
        coach("coach.in").documentName("unitUsage").variable("enrolleeId", client).execute()
                .path("unitUsage.rollingWindow.used").entity(Integer.class).isEqualTo(0);
        assertThat(auditTrail("supervisor.in", client)).contains("recordOpeningBalance/DENIED/" + id("coach.in"),
                "recordOpeningBalance/DENIED/" + id("supervisor.in"), "recordOpeningBalance/DENIED/" + id("admin.mi"));
    }

    private String logAndSign(String client, Instant start, int minutes) {
        Map<String, Object> input = AgencyTest.faceToFace(client, start, minutes);
        coach("coach.in").documentName("logContact").variable("input", input).execute()
                .path("logContact.contact.id").hasValue();
        coach("coach.in").documentName("signContact").variable("input", Map.of("id", input.get("id"),
                "expectedVersion", 0)).execute().path("signContact.contact.status").entity(String.class)
                .isEqualTo("SIGNED");
        return (String) input.get("id");
    }

    private List<String> findingsOf(String contactId) {
        return coach("coach.in").documentName("contact").variable("id", contactId).execute()
                .path("contact.billing.findings[*].code").entityList(String.class).get();
    }

    private int used(String client) {
        return coach("coach.mi").documentName("unitUsage").variable("enrolleeId", client).execute()
                .path("unitUsage.authorizations[0].used").entity(Integer.class).get();
    }

    private static Map<String, Object> balance(String client, String authorizationId, LocalDate usedBefore, int units) {
        Map<String, Object> input = new HashMap<>();
        input.put("id", UUID.randomUUID().toString());
        input.put("enrolleeId", client);
        if (authorizationId != null) {
            input.put("authorizationId", authorizationId);
        }
        input.put("usedBefore", usedBefore.toString());
        input.put("units", units);
        input.put("source", "Claims history from the previous agency");
        input.put("note", "Client transferred mid-year.");
        return input;
    }

    private String newClient(String admin, String coach) {
        String enrolleeId = UUID.randomUUID().toString();
        admin(admin).documentName("createEnrollee").variable("input", Map.of("id", enrolleeId,
                "firstName", "Carried", "lastName", "Over", "dateOfBirth", "1984-09-09",
                "fundingSources", List.of("MEDICAID"), "status", "ENROLLED", "enrolledOn", "2026-01-01",
                "coachId", id(coach))).execute().path("createEnrollee.enrollee.id").hasValue();
        return enrolleeId;
    }

    private String addAuthorization(String client, int units) {
        String authorizationId = UUID.randomUUID().toString();
        admin("admin").documentName("addAuthorization").variable("input", Map.of("enrolleeId", client,
                "id", authorizationId, "kind", "GENERAL", "validFrom", "2026-01-01", "validTo", "2027-12-31",
                "unitsAuthorized", units)).execute().path("addAuthorization.enrollee.id").hasValue();
        return authorizationId;
    }
}
