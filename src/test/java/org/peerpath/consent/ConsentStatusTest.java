package org.peerpath.consent;

import java.time.LocalDate;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ConsentStatusTest {

    @ParameterizedTest(name = "effective {0}, expires {1}, event {2}, revoked {3}: on {4} -> {5}")
    @CsvSource(nullValues = "-", textBlock = """
            # effective,  expiresOn,  eventOn,    revokedOn,  date,       status
            2026-01-10, 2026-06-30, -,          -,          2026-01-09, NOT_YET_VALID
            2026-01-10, 2026-06-30, -,          -,          2026-01-10, ACTIVE
            2026-01-10, 2026-06-30, -,          -,          2026-03-01, ACTIVE
            2026-01-10, 2026-06-30, -,          -,          2026-06-29, ACTIVE
            2026-01-10, 2026-06-30, -,          -,          2026-06-30, ACTIVE
            2026-01-10, 2026-06-30, -,          -,          2026-07-01, EXPIRED
            2026-01-10, 2026-06-30, -,          -,          2030-01-01, EXPIRED
            2026-01-10, -,          -,          -,          2030-01-01, ACTIVE
            2026-01-10, -,          2026-04-15, -,          2026-04-14, ACTIVE
            2026-01-10, -,          2026-04-15, -,          2026-04-15, EXPIRED
            2026-01-10, -,          2026-04-15, -,          2026-04-16, EXPIRED
            2026-01-10, 2026-06-30, 2026-04-15, -,          2026-05-01, EXPIRED
            2026-01-10, 2026-06-30, 2026-08-01, -,          2026-07-01, EXPIRED
            2026-01-10, 2026-06-30, -,          2026-03-10, 2026-03-09, ACTIVE
            2026-01-10, 2026-06-30, -,          2026-03-10, 2026-03-10, REVOKED
            2026-01-10, 2026-06-30, -,          2026-03-10, 2026-03-11, REVOKED
            2026-01-10, 2026-06-30, -,          2026-03-10, 2026-08-01, REVOKED
            2026-01-10, 2026-06-30, -,          2026-01-05, 2026-01-04, NOT_YET_VALID
            2026-01-10, 2026-06-30, -,          2026-01-05, 2026-01-05, REVOKED
            2026-01-10, 2026-06-30, -,          2026-01-05, 2026-01-12, REVOKED
            2026-01-10, 2026-06-30, -,          2026-07-05, 2026-07-03, EXPIRED
            2026-01-10, 2026-06-30, -,          2026-07-05, 2026-07-06, EXPIRED
            2026-01-10, 2026-06-30, -,          2026-07-01, 2026-07-01, REVOKED
            2026-01-10, -,          2026-04-15, 2026-04-20, 2026-04-21, EXPIRED
            2026-01-10, -,          2026-04-15, 2026-04-10, 2026-04-21, REVOKED
            """)
    void statusOnADate(LocalDate effectiveOn, LocalDate expiresOn, LocalDate eventOccurredOn, LocalDate revokedOn,
            LocalDate date, ConsentStatus expected) {
        assertThat(ConsentStatus.on(effectiveOn, expiresOn, eventOccurredOn, revokedOn, date)).isEqualTo(expected);
    }
}
