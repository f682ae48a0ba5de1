package org.peerpath.people;

import java.time.LocalDate;

/**
 * One enrollment episode of an enrollee: referred on, enrolled on, discharged on with a reason. A readmission is
 * a new episode; episodes never overlap, so the history is kept and never rewritten by a later episode.
 *
 * <p>A discharge without a date exists only in records written before episodes (status DISCHARGED and no
 * discharge date): such an episode is over, but since when is unknown, so none of its days counts as enrolled.
 *
 * @param id the episode's id (the enrollee's id for the first episode, the client's id for a readmission)
 * @param referredOn day of referral, null when not recorded
 * @param enrolledOn first day enrolled, null while only referred
 * @param dischargedOn day of discharge (still enrolled that day), null while not discharged
 * @param dischargeReason why the episode ended, null while not discharged
 * @param dischargeNote free text about the discharge, optional
 */
public record EnrollmentEpisode(String id, LocalDate referredOn, LocalDate enrolledOn, LocalDate dischargedOn,
        DischargeReason dischargeReason, String dischargeNote) {

    public boolean discharged() {
        return dischargeReason != null || dischargedOn != null;
    }

    /** The episode's first day: its referral, else its enrolment; null when neither is known. */
    public LocalDate startsOn() {
        return referredOn != null ? referredOn : enrolledOn;
    }

    /**
     * Enrolled on {@code date}: from the day of enrolment up to and including the day of discharge
     * (docs/billing-rules.md, ENROLLEE_NOT_ACTIVE: the day of discharge still counts).
     */
    public boolean enrolledAt(LocalDate date) {
        if (enrolledOn == null || date.isBefore(enrolledOn)) {
            return false;
        }
        return !discharged() || dischargedOn != null && !date.isAfter(dischargedOn);
    }

    /** Whether some day from {@code first} to {@code last} (inclusive) is enrolled. */
    public boolean enrolledBetween(LocalDate first, LocalDate last) {
        if (enrolledOn == null || enrolledOn.isAfter(last)) {
            return false;
        }
        return !discharged() || dischargedOn != null && !dischargedOn.isBefore(first);
    }

    /**
     * The status this episode gives on {@code date}. The day of discharge shows DISCHARGED (the discharge has
     * happened), though services that day are still billable ({@link #enrolledAt}).
     */
    public ProgramStatus statusAt(LocalDate date) {
        if (discharged() && (dischargedOn == null || !date.isBefore(dischargedOn))) {
            return ProgramStatus.DISCHARGED;
        }
        return enrolledOn != null && !date.isBefore(enrolledOn) ? ProgramStatus.ENROLLED : ProgramStatus.REFERRED;
    }

    EnrollmentEpisode discharge(LocalDate on, DischargeReason reason, String note) {
        return new EnrollmentEpisode(id, referredOn, enrolledOn, on, reason, note);
    }

    EnrollmentEpisode enrol(LocalDate on) {
        return new EnrollmentEpisode(id, referredOn, on, dischargedOn, dischargeReason, dischargeNote);
    }
}
