package org.peerpath.people;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which billing settings apply to a date of service (issue 10, item 3): the value whose effectiveFrom is the
 * latest not after the date; before any change, the pack the organization was created with and its own rounding.
 * The edges: the day before a change, the day of it, two changes from the same day (the later recorded wins), and
 * a change recorded later but dated earlier than another.
 */
class BillingSettingsOnDateTest {

    private static final Instant AT = Instant.parse("2026-12-02T15:00:00Z");

    /** Created MI; IN from 2026-07-01; TN then MI both recorded from 2026-09-01 (MI, recorded later, wins); an
     * earlier-dated IN from 2026-03-01 recorded last. */
    private static final Organization ORGANIZATION = organization(RulePack.MI, List.of(
            pack("2026-07-01", RulePack.IN, 1),
            pack("2026-09-01", RulePack.TN, 2),
            pack("2026-09-01", RulePack.MI, 3),
            pack("2026-03-01", RulePack.IN, 4)),
            List.of(rounding("2026-07-01", UnitRoundingChoice.WHOLE_QUARTERS, 1),
                    rounding("2026-10-15", UnitRoundingChoice.PACK_DEFAULT, 2)));

    @ParameterizedTest(name = "{0}: {1}, {2}")
    @CsvSource({
            "2020-01-01, MI, PACK_DEFAULT",
            "2026-02-28, MI, PACK_DEFAULT",
            "2026-03-01, IN, PACK_DEFAULT",
            "2026-06-30, IN, PACK_DEFAULT",
            "2026-07-01, IN, WHOLE_QUARTERS",
            "2026-08-31, IN, WHOLE_QUARTERS",
            "2026-09-01, MI, WHOLE_QUARTERS",
            "2026-10-14, MI, WHOLE_QUARTERS",
            "2026-10-15, MI, PACK_DEFAULT",
            "2199-12-31, MI, PACK_DEFAULT"})
    void theSettingsInForceOnADateOfService(String date, RulePack pack, UnitRoundingChoice rounding) {
        assertThat(ORGANIZATION.billingSettingsOn(LocalDate.parse(date))).isEqualTo(new BillingSettings(pack, rounding));
    }

    @Test
    void anOrganizationWithoutChangesKeepsItsPackAndThePacksRounding() {
        Organization stored = organization(RulePack.TN, null, null); // as read from a record written before issue 10
        assertThat(stored.rulePackChanges()).isEmpty();
        assertThat(stored.billingSettingsOn(LocalDate.parse("2026-12-02")))
                .isEqualTo(new BillingSettings(RulePack.TN, UnitRoundingChoice.PACK_DEFAULT));
    }

    @Test
    void aChangeAppendedIsInForceFromItsDayOnly() {
        Organization changed = organization(RulePack.IN, List.of(), List.of())
                .withBillingChanges(pack("2026-11-20", RulePack.TN, 1), null);
        assertThat(changed.rulePackOn(LocalDate.parse("2026-11-19"))).isEqualTo(RulePack.IN);
        assertThat(changed.rulePackOn(LocalDate.parse("2026-11-20"))).isEqualTo(RulePack.TN);
        assertThat(changed.unitRoundingChanges()).isEmpty();
    }

    private static Organization organization(RulePack pack, List<RulePackChange> packs,
            List<UnitRoundingChange> roundings) {
        return new Organization("org", "Agency", pack, "America/Detroit", false, 14, 30, 0, AT, "digest", packs,
                roundings, null, null, null);
    }

    private static RulePackChange pack(String from, RulePack pack, int order) {
        return new RulePackChange(LocalDate.parse(from), pack, "admin", AT.plusSeconds(order));
    }

    private static UnitRoundingChange rounding(String from, UnitRoundingChoice choice, int order) {
        return new UnitRoundingChange(LocalDate.parse(from), choice, "admin", AT.plusSeconds(order));
    }
}
