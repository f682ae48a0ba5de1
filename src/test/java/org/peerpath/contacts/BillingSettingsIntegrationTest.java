package org.peerpath.contacts;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.graphql.test.tester.GraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peerpath.GraphQlErrorAssertions.expectError;
import static org.peerpath.GraphQlErrorAssertions.problems;

/**
 * The organization's billing settings over HTTP (issue 10, item 3): unit rounding and rule pack are dated
 * settings, each applied from its effective date in the organization's zone; drafts and previews use the settings
 * of their date of service; signed contacts keep the evaluation they were signed with, also when amended; a change
 * that would put a day already billed under other settings (a closed period) is refused whole. Each test has an
 * agency of its own, "now" is 2026-12-02 15:00 UTC (10:00 in Indianapolis and Detroit).
 */
class BillingSettingsIntegrationTest extends AgencyTest {

    private static final Instant NOW = Instant.parse("2026-12-02T15:00:00Z");
    /** 2026-11-20, 10:00 in Indianapolis and Detroit: a day signed before the change. */
    private static final Instant NOV_20 = Instant.parse("2026-11-20T15:00:00Z");
    /** 2026-11-21, 10:00 in Indianapolis and Detroit: the first day of the new settings. */
    private static final Instant NOV_21 = Instant.parse("2026-11-21T15:00:00Z");

    @Test
    void unitRoundingAppliesFromItsEffectiveDateAndSignedContactsKeepTheirs() {
        clock.pin(NOW);
        Agency agency = agency("IN", "America/Indiana/Indianapolis", false);
        String client = enrollee(agency);
        // 23 minutes: 2 units at the midpoint (Indiana's own rounding), 1 in whole quarters.
        Map<String, Object> signedBefore = faceToFace(client, NOV_20, 23);
        GraphQlTester.Response signed = signNew(agency.coach(), signedBefore);
        String signedId = (String) signedBefore.get("id");
        assertThat(billing(agency, signedId)).containsEntry("billable", true).containsEntry("units", 2)
                .containsEntry("rulePack", "IN").containsEntry("unitRounding", "MIDPOINT");
        signed.path("signContact.contact.version").entity(Integer.class).isEqualTo(1);
        Map<String, Object> draft = faceToFace(client, NOV_21.plus(Duration.ofDays(3)), 23);
        coach(agency.coach()).documentName("logContact").variable("input", draft).execute()
                .path("logContact.contact.billing.units").entity(Integer.class).isEqualTo(2);

        // From the day already billed (or any day before it): refused whole, nothing written.
        for (String from : List.of("2026-11-20", "2026-11-01")) {
            assertThat(problems(expectError(change(agency, 0, from, null, "WHOLE_QUARTERS"), "VALIDATION")))
                    .containsExactly("'effectiveFrom' " + from + " is in a closed period: 1 signed contact dated"
                            + " 2026-11-20 was billed under rule pack IN with MIDPOINT rounding, and signed contacts"
                            + " are never re-evaluated. Choose an effective date after 2026-11-20.");
        }
        setup(agency).path("organization.version").entity(Integer.class).isEqualTo(0)
                .path("organization.unitRounding").entity(String.class).isEqualTo("PACK_DEFAULT")
                .path("organization.unitRoundingHistory[*].unitRounding").entityList(String.class)
                .containsExactly("PACK_DEFAULT");

        GraphQlTester.Response changed = change(agency, 0, "2026-11-21", null, "WHOLE_QUARTERS");
        changed.path("changeBillingSettings.organization.version").entity(Integer.class).isEqualTo(1)
                .path("changeBillingSettings.organization.unitRounding").entity(String.class).isEqualTo("WHOLE_QUARTERS")
                .path("changeBillingSettings.organization.rulePack").entity(String.class).isEqualTo("IN")
                .path("changeBillingSettings.organization.unitRoundingHistory[*].effectiveFrom")
                .entityList(String.class).containsExactly(null, "2026-11-21")
                .path("changeBillingSettings.organization.unitRoundingHistory[1].changedAt").entity(String.class)
                .isEqualTo("2026-12-02T15:00:00Z");
        String adminId = changed.path("changeBillingSettings.organization.unitRoundingHistory[1].changedBy")
                .entity(String.class).get();
        // A retry (the answer was lost) changes nothing.
        change(agency, 0, "2026-11-21", null, "WHOLE_QUARTERS")
                .path("changeBillingSettings.organization.version").entity(Integer.class).isEqualTo(1);

        // Previews take the setting of their date of service, in Indianapolis: 22:00 on November 20 is
        // 03:00 UTC on November 21, still the old setting.
        assertThat(preview(agency, client, NOV_20.plus(Duration.ofHours(3)), 23)).containsEntry("units", 2)
                .containsEntry("unitRounding", "MIDPOINT").containsEntry("dateOfService", "2026-11-20");
        assertThat(preview(agency, client, Instant.parse("2026-11-21T03:00:00Z"), 23)).containsEntry("units", 2)
                .containsEntry("unitRounding", "MIDPOINT").containsEntry("dateOfService", "2026-11-20");
        assertThat(preview(agency, client, NOV_21, 23)).containsEntry("units", 1)
                .containsEntry("unitRounding", "WHOLE_QUARTERS").containsEntry("rulePack", "IN");

        // The draft logged before the change is signed under the setting of its date.
        sign(agency.coach(), (String) draft.get("id")).path("signContact.contact.billing.units").entity(Integer.class)
                .isEqualTo(1);
        assertThat(billing(agency, (String) draft.get("id"))).containsEntry("unitRounding", "WHOLE_QUARTERS");

        // The contact signed before keeps its rounding when amended: 38 minutes are 3 units at the midpoint (2 in
        // whole quarters).
        coach(agency.coach()).documentName("amendContact").variable("input", Map.of("id", signedId,
                "expectedVersion", 1, "addendumId", UUID.randomUUID().toString(), "reason", "Ended later",
                "text", "The session ran to 10:38.", "end", NOV_20.plus(Duration.ofMinutes(38)).toString()))
                .execute().path("amendContact.contact.billing.units").entity(Integer.class).isEqualTo(3);
        assertThat(billing(agency, signedId)).containsEntry("unitRounding", "MIDPOINT").containsEntry("units", 3);

        // Back to the midpoint from November 21 would rewrite the contact just signed on November 24.
        assertThat(problems(expectError(change(agency, 1, "2026-11-21", null, "MIDPOINT"), "VALIDATION")))
                .singleElement().asString().contains("dated 2026-11-24", "rule pack IN with WHOLE_QUARTERS rounding");
        // A stale version is a conflict.
        expectError(change(agency, 0, "2026-11-25", null, "MIDPOINT"), "CONFLICT");

        assertThat(auditTrail(agency.supervisor(), agency.id()))
                .filteredOn(event -> event.startsWith("changeBillingSettings/"))
                .containsExactly("changeBillingSettings/ALLOWED/" + adminId);
    }

    @Test
    void theRulePackChangesFromItsEffectiveDateAndThePacksOwnRoundingFollowsIt() {
        clock.pin(NOW);
        Agency agency = michigan();
        String client = enrollee(agency);
        authorize(agency, client, "GENERAL", 400);
        Map<String, Object> michiganContact = faceToFace(client, NOV_20, 23);
        signNew(agency.coach(), michiganContact);
        String signedId = (String) michiganContact.get("id");
        assertThat(billing(agency, signedId)).containsEntry("billable", true).containsEntry("procedureCode", "T1012")
                .containsEntry("units", 1).containsEntry("rulePack", "MI").containsEntry("unitRounding", "WHOLE_QUARTERS");
        supervisor(agency.supervisor()).documentName("unitUsage").variable("enrolleeId", client).execute()
                .path("unitUsage.rollingWindow.limit").valueIsNull();

        assertThat(problems(expectError(change(agency, 0, "2026-11-20", "IN", null), "VALIDATION")))
                .singleElement().asString().contains("closed period", "rule pack MI with WHOLE_QUARTERS rounding");

        change(agency, 0, "2026-11-21", "IN", null).path("changeBillingSettings.organization.version")
                .entity(Integer.class).isEqualTo(1)
                .path("changeBillingSettings.organization.rulePack").entity(String.class).isEqualTo("IN")
                .path("changeBillingSettings.organization.unitRounding").entity(String.class).isEqualTo("PACK_DEFAULT")
                .path("changeBillingSettings.organization.rulePackHistory[*].rulePack").entityList(String.class)
                .containsExactly("MI", "IN")
                .path("changeBillingSettings.organization.rulePackHistory[0].changedBy").valueIsNull();
        // The pack already in force from a later day: nothing changes.
        change(agency, 1, "2026-11-25", "IN", null).path("changeBillingSettings.organization.version")
                .entity(Integer.class).isEqualTo(1);

        // Before the change Michigan's code and whole quarters; from it Indiana's code, credentials and rounding.
        assertThat(preview(agency, client, NOV_20.plus(Duration.ofHours(3)), 23))
                .containsEntry("procedureCode", "T1012").containsEntry("rulePack", "MI")
                .containsEntry("unitRounding", "WHOLE_QUARTERS").containsEntry("units", 1);
        Map<String, Object> indiana = preview(agency, client, NOV_21, 23);
        assertThat(indiana).containsEntry("procedureCode", "H0038").containsEntry("rulePack", "IN")
                .containsEntry("unitRounding", "MIDPOINT").containsEntry("units", 2);
        assertThat(codes(indiana)).contains("PROVIDER_NOT_QUALIFIED");
        // Indiana's rolling 12-month limit applies from today's pack on.
        assertThat(rollingWindowLimit(agency, client)).isEqualTo(1_460);

        // The Michigan contact, amended after the change, is still judged as Michigan signed it: 38 minutes are 2
        // whole quarters of T1012.
        coach(agency.coach()).documentName("amendContact").variable("input", Map.of("id", signedId,
                "expectedVersion", 1, "addendumId", UUID.randomUUID().toString(), "reason", "Ended later",
                "text", "The session ran to 10:38.", "end", NOV_20.plus(Duration.ofMinutes(38)).toString()))
                .execute().path("amendContact.contact.billing.units").entity(Integer.class).isEqualTo(2);
        assertThat(billing(agency, signedId)).containsEntry("billable", true).containsEntry("procedureCode", "T1012")
                .containsEntry("rulePack", "MI");
    }

    @Test
    void onlyTheOrganizationsAdministratorChangesBillingSettingsAndBadInputChangesNothing() {
        clock.pin(NOW);
        Agency agency = agency("TN", "America/Chicago", true);

        expectError(tester(agency.supervisor(), "admin").documentName("changeBillingSettings").variable("input",
                input(0, "2026-12-03", "IN", null)).execute(), "FORBIDDEN");
        expectError(tester(agency.coach(), "admin").documentName("changeBillingSettings").variable("input",
                input(0, "2026-12-03", null, "MIDPOINT")).execute(), "FORBIDDEN");
        assertThat(problems(expectError(change(agency, 0, "2026-12-03", null, null), "VALIDATION")))
                .containsExactly("Give 'rulePack', 'unitRounding' or both.");
        setup(agency).path("organization.version").entity(Integer.class).isEqualTo(0)
                .path("organization.rulePackHistory[*].rulePack").entityList(String.class).containsExactly("TN");

        // A change dated tomorrow: recorded now, in force from tomorrow in Chicago.
        clock.pin(NOW.plus(Duration.ofMinutes(1)));
        change(agency, 0, "2026-12-03", null, "WHOLE_QUARTERS").path("changeBillingSettings.organization.version")
                .entity(Integer.class).isEqualTo(1)
                .path("changeBillingSettings.organization.unitRounding").entity(String.class).isEqualTo("PACK_DEFAULT");
        clock.pin(Instant.parse("2026-12-03T06:00:00Z")); // midnight in Chicago
        setup(agency).path("organization.unitRounding").entity(String.class).isEqualTo("WHOLE_QUARTERS");

        // Newest first, the denials named the organization too.
        assertThat(auditTrail(agency.supervisor(), agency.id()))
                .filteredOn(event -> event.startsWith("changeBillingSettings/"))
                .extracting(event -> event.substring(0, event.lastIndexOf('/')))
                .containsExactly("changeBillingSettings/ALLOWED", "changeBillingSettings/DENIED",
                        "changeBillingSettings/DENIED");
    }

    // ---- fixtures ----

    private GraphQlTester.Response change(Agency agency, int version, String from, String pack, String rounding) {
        return admin(agency.admin()).documentName("changeBillingSettings")
                .variable("input", input(version, from, pack, rounding)).execute();
    }

    private static Map<String, Object> input(int version, String from, String pack, String rounding) {
        Map<String, Object> input = new HashMap<>(Map.of("expectedVersion", version, "effectiveFrom", from));
        if (pack != null) {
            input.put("rulePack", pack);
        }
        if (rounding != null) {
            input.put("unitRounding", rounding);
        }
        return input;
    }

    private GraphQlTester.Response setup(Agency agency) {
        return admin(agency.admin()).documentName("organizationSetup").execute();
    }

    private Map<String, Object> preview(Agency agency, String client, Instant start, int minutes) {
        return coach(agency.coach()).documentName("previewContactBilling")
                .variable("input", faceToFace(client, start, minutes)).execute().path("previewContactBilling")
                .entity(MAP).get();
    }

    private Map<String, Object> billing(Agency agency, String contactId) {
        return coach(agency.coach()).documentName("contact").variable("id", contactId).execute()
                .path("contact.billing").entity(MAP).get();
    }

    private Integer rollingWindowLimit(Agency agency, String client) {
        return supervisor(agency.supervisor()).documentName("unitUsage").variable("enrolleeId", client).execute()
                .path("unitUsage.rollingWindow.limit").entity(Integer.class).get();
    }

    @SuppressWarnings("unchecked")
    private static List<String> codes(Map<String, Object> billing) {
        return ((List<Map<String, Object>>) billing.get("findings")).stream().map(f -> (String) f.get("code"))
                .toList();
    }

    private static final org.springframework.core.ParameterizedTypeReference<Map<String, Object>> MAP =
            new org.springframework.core.ParameterizedTypeReference<>() {
            };
}
