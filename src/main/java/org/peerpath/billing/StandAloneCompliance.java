package org.peerpath.billing;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Collection;

import org.peerpath.billing.BillingCase.Enrollee;

/**
 * Whether an enrollee in stand-alone services met the monthly face-to-face requirement in a calendar month.
 * It exists for compliance reporting, not billing: Michigan guidance XI.E (seeds/003) lets stand-alone
 * services continue for up to six months after acute treatment ends, with at least one face-to-face
 * encounter each month.
 *
 * <p>The requirement applies to a calendar month that shares at least one day with the stand-alone period
 * (the day after acute treatment ended through six months after it) while the enrollee is enrolled. Any
 * face-to-face contact dated in that calendar month meets it.
 */
public enum StandAloneCompliance {

    /** The enrollee was not in stand-alone services during the month. */
    NOT_APPLICABLE,

    /** The requirement applied and at least one face-to-face contact took place in the month. */
    MET,

    /** The requirement applied and no face-to-face contact took place in the month. */
    MISSED;

    /**
     * The enrollee's compliance for the month.
     *
     * @param enrollee the enrollee
     * @param month the calendar month
     * @param faceToFaceDates dates of service of the enrollee's signed contacts with the client present in
     *     person (any dates; only those in the month count)
     */
    public static StandAloneCompliance forMonth(
            Enrollee enrollee, YearMonth month, Collection<LocalDate> faceToFaceDates) {
        if (MichiganPack.standAloneEnd(enrollee).isEmpty()
                || !appliesIn(month, enrollee.enrolledOn(), enrollee.dischargedOn(), enrollee.acuteTreatmentEndedOn())) {
            return NOT_APPLICABLE;
        }
        return faceToFaceDates.stream().anyMatch(date -> YearMonth.from(date).equals(month)) ? MET : MISSED;
    }

    /**
     * Whether the requirement applies in {@code month} to an enrollee in stand-alone services, enrolled from
     * {@code enrolledOn} to {@code dischargedOn} (null: still enrolled), whose acute treatment ended on {@code
     * acuteTreatmentEndedOn}: the stand-alone period (the day after acute treatment ended through six months after
     * it, Michigan guidance XI.E, seeds/003) within the enrollment shares a day with the month. The rule's inputs
     * only, so a count grouped by them (the supervisor's dashboard) decides exactly as {@link #forMonth} per client.
     */
    public static boolean appliesIn(YearMonth month, LocalDate enrolledOn, LocalDate dischargedOn,
            LocalDate acuteTreatmentEndedOn) {
        if (enrolledOn == null || acuteTreatmentEndedOn == null) {
            return false;
        }
        LocalDate periodEnd = MichiganPack.standAloneEndAfter(acuteTreatmentEndedOn);
        LocalDate first = latest(acuteTreatmentEndedOn.plusDays(1), enrolledOn);
        LocalDate last = dischargedOn == null ? periodEnd : earliest(periodEnd, dischargedOn);
        return !first.isAfter(last)
                && !month.atEndOfMonth().isBefore(first)
                && !month.atDay(1).isAfter(last);
    }

    /**
     * The first day acute treatment can have ended for the requirement to apply in {@code month}: the stand-alone
     * period lasts six months after it (Michigan guidance XI.E, seeds/003), so an earlier end leaves a period that
     * is over before the month begins. With {@code month}'s last day, the range a query narrows candidates to.
     */
    public static LocalDate earliestAcuteTreatmentEndConcerning(YearMonth month) {
        // plusMonths keeps a date within its target month, so every end in month - 6 reaches into the month.
        return month.minusMonths(MichiganPack.STAND_ALONE_MONTHS).atDay(1);
    }

    /**
     * Whether a contact counts toward the monthly face-to-face (Michigan guidance XI.E, seeds/003: a face-to-face
     * encounter each month): any signed service with the client present in person, whatever its type (a court
     * date with the client, logged as collateral, is one); a draft is not a service delivered yet (Michigan
     * XI.B.4: every service note is signed), and a phone call never has the client present in person.
     */
    public static boolean countsAsFaceToFace(boolean signed, boolean clientPresent) {
        return signed && clientPresent;
    }

    /** Whether the requirement applied in the month. */
    public boolean applies() {
        return this != NOT_APPLICABLE;
    }

    private static LocalDate latest(LocalDate one, LocalDate other) {
        return one.isAfter(other) ? one : other;
    }

    private static LocalDate earliest(LocalDate one, LocalDate other) {
        return one.isBefore(other) ? one : other;
    }
}
