package org.peerpath.outreach;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import org.peerpath.outreach.EngagementRules.Engagement;
import org.peerpath.outreach.EngagementRules.Status;
import org.peerpath.outreach.EngagementRules.Thresholds;

import static org.assertj.core.api.Assertions.assertThat;

/** Michigan guidance XI.F/G (re-engaging lost clients) and XI.E (monthly face-to-face), as a table. */
class EngagementRulesTest {

    private static final Thresholds DEFAULTS = new Thresholds(14, 30);

    @ParameterizedTest(name = "last contact {0}, enrolled {1}, today {2} -> {3} after {4} days")
    @CsvSource(nullValues = "-", value = {
            // XI.F: a client seen recently is engaged
            "2026-03-10, 2026-01-01, 2026-03-10, ENGAGED, 0",
            "2026-03-10, 2026-01-01, 2026-03-24, ENGAGED, 14",
            // more than 14 days: at risk (XI.G: consider increasing services)
            "2026-03-10, 2026-01-01, 2026-03-25, AT_RISK, 15",
            "2026-03-10, 2026-01-01, 2026-04-09, AT_RISK, 30",
            // more than 30 days: lost, disengaged (XI.F: active efforts to re-engage)
            "2026-03-10, 2026-01-01, 2026-04-10, DISENGAGED, 31",
            // never reached: counted from enrollment
            "-, 2026-03-01, 2026-03-20, AT_RISK, 19",
            "-, 2026-01-01, 2026-03-20, DISENGAGED, 78",
            // across a month end and a leap day
            "2028-02-28, 2028-01-01, 2028-03-30, DISENGAGED, 31",
            "2028-02-28, 2028-01-01, 2028-03-29, AT_RISK, 30",
            // readmitted on 2026-03-05 after a discharge: the last contact of the earlier episode does not count
            "2026-01-10, 2026-03-05, 2026-03-05, ENGAGED, 0",
            "2026-01-10, 2026-03-05, 2026-03-20, AT_RISK, 15"})
    void statusFollowsTheThresholds(LocalDate last, LocalDate enrolled, LocalDate today, Status status, int days) {
        Engagement engagement = EngagementRules.assess(last, null, enrolled, DEFAULTS, today);
        assertThat(engagement.status()).isEqualTo(status);
        assertThat(engagement.daysSinceLastContact()).isEqualTo(days);
    }

    @Test
    void organizationThresholdsApply() {
        Thresholds strict = new Thresholds(7, 10);
        assertThat(EngagementRules.assess(LocalDate.of(2026, 3, 1), null, null, strict, LocalDate.of(2026, 3, 9))
                .status()).isEqualTo(Status.AT_RISK);
        assertThat(EngagementRules.assess(LocalDate.of(2026, 3, 1), null, null, strict, LocalDate.of(2026, 3, 12))
                .status()).isEqualTo(Status.DISENGAGED);
    }

    @Test
    void withoutAnyDateTheClientNeedsALookButIsNotCalledLost() {
        Engagement engagement = EngagementRules.assess(null, null, null, DEFAULTS, LocalDate.of(2026, 3, 9));
        assertThat(engagement.status()).isEqualTo(Status.AT_RISK);
        assertThat(engagement.daysSinceLastContact()).isNull();
        assertThat(EngagementRules.episodeKey("e1", engagement)).isEqualTo("e1:unknown");
    }

    @Test
    void todayIsTheOrganizationsDate() {
        Instant lateEvening = Instant.parse("2026-04-01T03:30:00Z"); // 23:30 on March 31 in Detroit
        assertThat(EngagementRules.today(lateEvening, ZoneId.of("America/Detroit"))).isEqualTo("2026-03-31");
        assertThat(EngagementRules.today(lateEvening, ZoneId.of("UTC"))).isEqualTo("2026-04-01");
    }

    @Test
    void theEpisodeIsKeyedByTheDateCountedFrom() {
        Engagement a = EngagementRules.assess(LocalDate.of(2026, 1, 2), null, null, DEFAULTS, LocalDate.of(2026, 3, 1));
        Engagement b = EngagementRules.assess(LocalDate.of(2026, 1, 2), null, null, DEFAULTS, LocalDate.of(2026, 3, 9));
        assertThat(EngagementRules.episodeKey("e1", a)).isEqualTo(EngagementRules.episodeKey("e1", b))
                .isEqualTo("e1:2026-01-02");
    }

    @Test
    void overdueOnceTheDueDayHasPassed() {
        assertThat(EngagementRules.overdue(LocalDate.of(2026, 3, 31), LocalDate.of(2026, 3, 31))).isFalse();
        assertThat(EngagementRules.overdue(LocalDate.of(2026, 3, 31), LocalDate.of(2026, 4, 1))).isTrue();
    }

    @ParameterizedTest(name = "XI.E: stand-alone {0}, last face-to-face {1}, today {2} -> {3}")
    @CsvSource(nullValues = "-", value = {
            "true, 2026-03-02, 2026-03-31, true",
            "true, 2026-02-28, 2026-03-01, false",
            "true, -, 2026-03-15, false",
            "false, -, 2026-03-15, -",
            // more than six months after acute treatment ended: the stand-alone period is over
            "true, -, 2026-09-15, -"})
    void monthlyFaceToFaceForStandAloneClients(boolean standAlone, LocalDate lastFaceToFace, LocalDate today,
            Boolean met) {
        assertThat(EngagementRules.monthlyFaceToFaceMet(LocalDate.of(1990, 1, 1), LocalDate.of(2026, 1, 1), null,
                standAlone, LocalDate.of(2026, 1, 31), lastFaceToFace, today)).isEqualTo(met);
    }
}
