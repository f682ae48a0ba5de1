package org.peerpath.people;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * One value of an organization setting that applies from a day on, in the organization's zone. It exists so a
 * change of a billing setting never rewrites the past: a service is judged by the value in force on its date of
 * service, whatever was decided later.
 */
interface DatedSetting {

    /** The first day the value applies to. */
    LocalDate effectiveFrom();

    /**
     * The entry in force on {@code date}: the one whose {@code effectiveFrom} is the latest not after it; of two
     * entries from the same day, the one recorded later (histories are kept in the order recorded). Empty when
     * every entry begins after {@code date}.
     */
    static <T extends DatedSetting> Optional<T> inForce(List<T> history, LocalDate date) {
        T found = null;
        for (T entry : history) {
            if (!entry.effectiveFrom().isAfter(date)
                    && (found == null || !entry.effectiveFrom().isBefore(found.effectiveFrom()))) {
                found = entry;
            }
        }
        return Optional.ofNullable(found);
    }
}
