package org.peerpath;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The integration tests' clock: the one {@link Clock} bean of the shared Spring context, so the service and the
 * test agree on "now". It stands still at {@link #DEFAULT} unless a test pins it ({@link #pin}) or moves it
 * ({@link #advance}); {@link IntegrationTest} puts it back after every test. So the suite gives the same answers
 * whatever the machine's clock says (issue 9; scripts/verify-at-instants.sh checks it under faketime).
 */
public final class TestClock extends Clock {

    /**
     * "Now" for every test that does not pin its own instant, and for the demo data seeded at context start:
     * Wednesday 2 December 2026, 15:00 UTC, which is 10:00 in Detroit and Indianapolis and 09:00 in Nashville.
     * Every US zone is on the same date as UTC, in working hours, outside the reminders' quiet hours, far from a
     * month end and from a daylight-saving change; a test about one of those pins the instant it is about.
     */
    public static final Instant DEFAULT = Instant.parse("2026-12-02T15:00:00Z");

    private volatile Clock current;
    private final Clock initial;

    TestClock(Clock initial) {
        this.initial = initial;
        this.current = initial;
    }

    /** From now on "now" is {@code instant}, and stays there until moved. */
    public TestClock pin(Instant instant) {
        current = Clock.fixed(instant, ZoneOffset.UTC);
        return this;
    }

    /** Moves a pinned clock forward (or back, with a negative duration). */
    public TestClock advance(Duration duration) {
        current = Clock.offset(current, duration);
        return this;
    }

    /** Back to the suite's default. */
    public void reset() {
        current = initial;
    }

    @Override
    public Instant instant() {
        return current.instant();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.fixed(instant(), zone);
    }
}
