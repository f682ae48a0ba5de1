package org.peerpath.people;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which days are enrolled and what the status is, for a client enrolled 2026-01-01, discharged 2026-03-10 and
 * readmitted (referred 2026-04-20, enrolled 2026-05-01): the edges are the day of discharge and the day of
 * readmission (docs/billing-rules.md, ENROLLEE_NOT_ACTIVE: the day of discharge still counts).
 */
class EnrollmentEpisodeTest {

    private static final Enrollee READMITTED = enrollee(List.of(
            new EnrollmentEpisode("first", null, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 3, 10),
                    DischargeReason.MOVED, null),
            new EnrollmentEpisode("second", LocalDate.of(2026, 4, 20), LocalDate.of(2026, 5, 1), null, null, null)));

    @ParameterizedTest(name = "{0}: enrolled {1}, status {2}, episode {3}")
    @CsvSource({
            "2025-12-31, false, REFERRED,   first",
            "2026-01-01, true,  ENROLLED,   first",
            "2026-03-09, true,  ENROLLED,   first",
            // the day of discharge: shown discharged, still enrolled for billing
            "2026-03-10, true,  DISCHARGED, first",
            "2026-03-11, false, DISCHARGED, first",
            "2026-04-19, false, DISCHARGED, first",
            "2026-04-20, false, REFERRED,   second",
            "2026-04-30, false, REFERRED,   second",
            "2026-05-01, true,  ENROLLED,   second",
            "2030-01-01, true,  ENROLLED,   second"})
    void episodesDecideEachDay(LocalDate day, boolean enrolled, ProgramStatus status, String episode) {
        assertThat(READMITTED.enrolledAt(day)).isEqualTo(enrolled);
        assertThat(READMITTED.statusAt(day)).isEqualTo(status);
        assertThat(READMITTED.episodeAt(day).id()).isEqualTo(episode);
    }

    @ParameterizedTest(name = "{0} to {1}: some day enrolled = {2}")
    @CsvSource({
            "2026-03-01, 2026-03-31, true",
            "2026-03-10, 2026-03-10, true",
            "2026-03-11, 2026-04-30, false",
            "2026-04-01, 2026-04-30, false",
            "2026-05-01, 2026-05-31, true"})
    void monthsWithAnEnrolledDay(LocalDate first, LocalDate last, boolean enrolled) {
        assertThat(READMITTED.enrolledBetween(first, last)).isEqualTo(enrolled);
    }

    @ParameterizedTest(name = "legacy status {0}, enrolled {1}, discharged {2}: on 2026-02-01 enrolled {3}, {4}")
    @CsvSource(nullValues = "-", value = {
            "REFERRED,   -,          -,          false, REFERRED",
            "ENROLLED,   2026-01-01, -,          true,  ENROLLED",
            "DISCHARGED, 2026-01-01, 2026-01-31, false, DISCHARGED",
            // discharged before episodes, with no date on file: none of its days can be shown to be enrolled
            "DISCHARGED, 2026-01-01, -,          false, DISCHARGED"})
    void recordsFromBeforeEpisodesGetOneEpisodeFromTheirFields(ProgramStatus status, LocalDate enrolledOn,
            LocalDate dischargedOn, boolean enrolled, ProgramStatus shown) {
        Enrollee legacy = new Enrollee("legacy", "org", "Lee", "Gacy", null, LocalDate.of(1980, 1, 1), null,
                List.of(), status, enrolledOn, dischargedOn, false, null, null, List.of(), false, null, null,
                "gacy lee", "lee gacy", 3, null, null);
        assertThat(legacy.episodes()).hasSize(1);
        assertThat(legacy.enrolledAt(LocalDate.of(2026, 2, 1))).isEqualTo(enrolled);
        assertThat(legacy.statusAt(LocalDate.of(2026, 2, 1))).isEqualTo(shown);
    }

    private static Enrollee enrollee(List<EnrollmentEpisode> episodes) {
        return new Enrollee("e1", "org", "Ada", "Lovelace", null, LocalDate.of(1980, 1, 1), null, List.of(),
                ProgramStatus.ENROLLED, null, null, false, null, null, List.of(), false, null, null, "lovelace ada",
                "ada lovelace", 0, null, null, episodes);
    }
}
