package org.peerpath.billing;

import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;

/**
 * The rolling 12-month window ending on a date, both ends inclusive: from the day after the same date one year
 * earlier through that date (for 2024-03-05: 2023-03-06 to 2024-03-05). It exists so the contacts feature sums
 * Indiana's used units over exactly the windows the engine reasons about (Indiana guide, Coding Requirements,
 * seeds/002).
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

    /** A window and the units its days hold. */
    public record Busiest(RollingWindow window, int units) {
    }

    /**
     * Of every window containing {@code date}, the one whose days hold the most units of {@code unitsByDay}, with
     * those units; of equals the earliest, so the window ending on {@code date} unless a later one holds more.
     * Units added on a date count in every window containing it, those ending on it through one year later, so
     * a limit holds for all of them exactly when it holds for this one (Indiana guide, Coding Requirements,
     * seeds/002: "per rolling 12-month period"; issue 18, item 5). Only windows ending on {@code date} or on a
     * day with units can be the busiest: moving the end past an empty day only drops days at the start.
     */
    public static Busiest busiestContaining(LocalDate date, Map<LocalDate, Integer> unitsByDay) {
        Busiest busiest = new Busiest(of(date), unitsIn(of(date), unitsByDay));
        for (LocalDate day : unitsByDay.keySet().stream().filter(date::isBefore).sorted().toList()) {
            RollingWindow window = of(day);
            if (!window.contains(date)) {
                break; // later days' windows start later still
            }
            int units = unitsIn(window, unitsByDay);
            if (units > busiest.units()) {
                busiest = new Busiest(window, units);
            }
        }
        return busiest;
    }

    private static int unitsIn(RollingWindow window, Map<LocalDate, Integer> unitsByDay) {
        return unitsByDay.entrySet().stream().filter(e -> window.contains(e.getKey()))
                .mapToInt(Map.Entry::getValue).sum();
    }
}
