package org.peerpath.contacts;

import java.time.LocalDate;
import java.util.List;

import org.peerpath.people.Authorization;

/** An enrollee's units: per authorization, and in the rolling 12-month window. */
record UnitUsage(String enrolleeId, List<AuthorizationUsage> authorizations, RollingWindowUsage rollingWindow) {

    /** Coaches are warned once 90 % of a limit is used. */
    static boolean nearLimit(int used, int limit) {
        return limit > 0 && used * 10L >= limit * 9L;
    }

    /** {@code remaining} is null for a plan of care without units (coverage only). */
    record AuthorizationUsage(Authorization authorization, int used, Integer remaining, boolean nearLimit) {
    }

    record RollingWindowUsage(LocalDate from, LocalDate to, int used, Integer limit, Integer remaining,
            boolean nearLimit) {
    }
}
