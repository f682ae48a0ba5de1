package org.peerpath.billing;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * When a contact is a late entry, and when it is too late to enter at all: an organization's setting (issue 11,
 * item 7), because CMS FAQ A1 (seeds/004) asks for "mechanisms in place to prevent over-billing" and a service
 * documented long after the day it happened is the one nobody can check any more.
 *
 * <p>The age of an entry is counted in whole calendar days in the organization's zone, from the date of service
 * (the start's date) to the day it is documented: "older than 30 days" means 31 days or more. The contacts
 * feature judges an entry when it is logged or a draft is edited (so the coach is told at once) and again,
 * decisively, when it is signed: signing makes the note (Michigan guidance XI.B.4, seeds/003), so a draft logged
 * on time and signed 40 days later is a late entry. Pure: no Spring, no database, no clock of its own.
 *
 * @param lateAfterDays an entry more than this many days after its date of service is late: it needs a late-entry
 *     reason, is marked late and carries a {@code LATE_ENTRY} warning
 * @param refusedAfterDays an entry more than this many days after its date of service is refused
 */
public record LateEntryPolicy(int lateAfterDays, int refusedAfterDays) {

    public LateEntryPolicy {
        if (lateAfterDays < 1 || refusedAfterDays <= lateAfterDays) {
            throw new IllegalArgumentException("need 1 <= lateAfterDays < refusedAfterDays, got " + lateAfterDays
                    + " and " + refusedAfterDays);
        }
    }

    /** What an entry documented at {@code documentedAt} for a service starting at {@code start} is. */
    public enum Verdict {
        /** Within the late-entry limit (or documented before the day of service ended). */
        ON_TIME,
        /** Older than the late-entry limit, not older than the hard limit: a reason is needed. */
        LATE,
        /** Older than the hard limit: not entered at all. */
        REFUSED
    }

    /**
     * The judgement of one entry.
     *
     * @param dateOfService the start's date in the organization's zone
     * @param documentedOn the day of logging, editing or signing in the organization's zone
     * @param daysAfterService calendar days from {@code dateOfService} to {@code documentedOn}
     * @param verdict on time, late, or refused
     */
    public record Timeliness(LocalDate dateOfService, LocalDate documentedOn, long daysAfterService,
            Verdict verdict) {
    }

    /** Judges a service starting at {@code start}, documented at {@code documentedAt}, in {@code zone}. */
    public Timeliness judge(Instant start, Instant documentedAt, ZoneId zone) {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(documentedAt, "documentedAt");
        LocalDate dateOfService = start.atZone(zone).toLocalDate();
        LocalDate documentedOn = documentedAt.atZone(zone).toLocalDate();
        long days = ChronoUnit.DAYS.between(dateOfService, documentedOn);
        Verdict verdict = days > refusedAfterDays ? Verdict.REFUSED
                : days > lateAfterDays ? Verdict.LATE : Verdict.ON_TIME;
        return new Timeliness(dateOfService, documentedOn, days, verdict);
    }
}
