package org.peerpath.contacts;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.springframework.graphql.test.tester.GraphQlTester;

import org.peerpath.billing.RollingWindow;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Indiana's 1,460 units hold in every rolling 12-month window, not only the one ending on the new contact
 * (issue 18, item 5; Indiana guide, Coding Requirements, seeds/002): a back-dated contact adds its units to the
 * windows ending on the later days too.
 */
class RollingWindowIntegrationTest extends AgencyTest {

    private static final ZoneId INDIANA = ZoneId.of("America/Indiana/Indianapolis");

    @Test
    void aBackDatedContactThatWouldOverfillALaterWindowIsNotBillable() {
        pinNowAndServiceDay();
        Agency agency = agency("IN", INDIANA.getId(), false);
        String client = enrollee(agency);
        LocalDate today = LocalDate.ofInstant(clock.instant(), INDIANA);
        // 1,440 units: 30 contacts of 12 hours (48 units each), two a day on the 15 days up to the day before
        // yesterday (within the organization's 30 days for entries on time).
        LocalDate newest = today.minusDays(2);
        for (int day = 0; day < 15; day++) {
            for (int half = 0; half < 2; half++) {
                // The second starts as the first ends (twelve hours later, also on a day clocks change).
                Instant start = at(newest.minusDays(day), 0).plus(Duration.ofHours(12L * half));
                signNew(agency.coach(), faceToFace(client, start, 720))
                        .path("signContact.contact.billing.billable").entity(Boolean.class).isEqualTo(true);
            }
        }
        LocalDate backDated = newest.minusDays(20);

        GraphQlTester.Response signed = signNew(agency.coach(), faceToFace(client, at(backDated, 8), 720));

        // The window ending on the back-dated day holds nothing else; the one ending on the newest day would hold
        // 1,488 units.
        signed.path("signContact.contact.status").entity(String.class).isEqualTo("SIGNED")
                .path("signContact.contact.billing.billable").entity(Boolean.class).isEqualTo(false)
                .path("signContact.contact.billing.findings[*].code").entityList(String.class)
                .contains("IN.ANNUAL_LIMIT_REACHED");
        RollingWindow exceeded = RollingWindow.of(newest);
        assertThat(signed.path("signContact.contact.billing.findings[?(@.code == 'IN.ANNUAL_LIMIT_REACHED')].message")
                .entityList(String.class).get()).singleElement().asString().contains(
                        "only 20 units of the 1,460-unit allowance for " + exceeded.first() + " to " + exceeded.last(),
                        "the 12 months ending " + newest, "date of service, " + backDated);
        coach(agency.coach()).documentName("unitUsage").variable("enrolleeId", client).execute()
                .path("unitUsage.rollingWindow.used").entity(Integer.class).isEqualTo(1_440);
    }

    private static Instant at(LocalDate day, int hour) {
        return day.atTime(hour, 0).atZone(INDIANA).toInstant();
    }
}
