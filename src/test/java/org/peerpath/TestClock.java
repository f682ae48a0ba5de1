package org.peerpath;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The integration tests' clock: the one {@link Clock} bean of the shared Spring context, so the service and the
 * test agree on "now". A test that is about an instant pins it ({@link #pin}) or moves it ({@link #advance});
 * {@link IntegrationTest} puts it back after every test.
 */
public final class TestClock extends Clock {

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
