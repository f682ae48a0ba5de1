package org.peerpath.graphql;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The dates and instants the service accepts, from clients and in cursors: ISO-8601 with four-digit years (1 to
 * 9999). Java parses years up to ±999,999,999, which overflow the database's millisecond instants and date
 * arithmetic: outside the range is a validation error, never an internal one. Whether a date makes sense (a
 * birth in the past, a service not in the future) is each field's own check, with its own message.
 */
public final class Dates {

    public static final LocalDate EARLIEST = LocalDate.of(1, 1, 1);
    public static final LocalDate LATEST = LocalDate.of(9999, 12, 31);

    private Dates() {
    }

    /** A calendar date such as 2026-11-23. */
    public static LocalDate date(String text) {
        LocalDate date = LocalDate.parse(text);
        if (date.isBefore(EARLIEST) || date.isAfter(LATEST)) {
            throw outOfRange(text);
        }
        return date;
    }

    /** An instant such as 2026-11-23T14:05:00Z. */
    public static Instant instant(String text) {
        Instant instant = Instant.parse(text);
        if (instant.isBefore(EARLIEST.atStartOfDay(ZoneOffset.UTC).toInstant())
                || !instant.isBefore(LATEST.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant())) {
            throw outOfRange(text);
        }
        return instant;
    }

    private static DateTimeParseException outOfRange(String text) {
        return new DateTimeParseException("'" + text + "' is outside the years " + EARLIEST.getYear() + " to "
                + LATEST.getYear() + ".", text, 0);
    }
}
