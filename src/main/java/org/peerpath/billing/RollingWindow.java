package org.peerpath.billing;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The rolling 12-month window ending on a date of service, both ends inclusive: from the day after the same
 * date one year earlier through the date of service (for 2024-03-05: 2023-03-06 to 2024-03-05). It exists so
 * the contacts feature sums Indiana's used units over exactly the window the engine reasons about (Indiana
 * guide, Coding Requirements, seeds/002).
 *
 * @param first first day in the window
 * @param last last day in the window, the date of service
 */
public record RollingWindow(LocalDate first, LocalDate last) {

    public RollingWindow {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(last, "last");
        if (last.isBefore(first)) {
            throw new IllegalArgumentException("last must not be before first");
        }
    }

    /** The 12-month window ending on the given date of service. */
    public static RollingWindow of(LocalDate dateOfService) {
        return new RollingWindow(dateOfService.minusYears(1).plusDays(1), dateOfService);
    }

    /** Whether the day is inside the window. */
    public boolean contains(LocalDate date) {
        return !date.isBefore(first) && !date.isAfter(last);
    }
}
