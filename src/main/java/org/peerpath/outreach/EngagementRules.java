package org.peerpath.outreach;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

import org.peerpath.billing.BillingCase;
import org.peerpath.billing.StandAloneCompliance;

/**
 * How engaged a client is, decided from the dates of their last contacts, the organization's thresholds and
 * today's date in the organization's zone. Pure and Spring-free, so the rule can be read and tested as a table.
 *
 * <p>Michigan guidance XI.F (seeds/003) asks the provider to make active efforts to re-engage clients who are
 * "lost" or drop out; XI.G asks that services continue despite relapse, increasing them when needed. The
 * thresholds turn "lost" into days: a client with no contact with the coach for more than
 * {@code atRiskAfterDays} days is at risk, for more than {@code disengagedAfterDays} days disengaged (defaults
 * 14 and 30). A contact "with the client" is a face-to-face or phone contact, or a collateral contact with the
 * client present; drafts count as well as signed contacts (the coach did reach the client).
 *
 * <p>A client with no contact at all is counted from their enrollment date; with neither, they are at risk:
 * nobody knows when they were last seen, which needs a look but is no evidence that they are lost.
 */
public final class EngagementRules {

    private EngagementRules() {
    }

    public enum Status {
        ENGAGED,
        AT_RISK,
        DISENGAGED
    }

    /** The organization's thresholds, in whole days. */
    public record Thresholds(int atRiskAfterDays, int disengagedAfterDays) {

        public Thresholds {
            if (atRiskAfterDays < 1 || disengagedAfterDays < atRiskAfterDays) {
                throw new IllegalArgumentException("Thresholds need 1 <= atRisk <= disengaged");
            }
        }
    }

    /**
     * One client's engagement on {@code today}.
     *
     * @param lastContactOn the date of the last contact with the client, or null
     * @param lastFaceToFaceOn the date of the last face-to-face contact, or null
     * @param daysSinceLastContact days from the last contact (or enrollment when there was none) to today; null
     *     when neither is known
     * @param countedFrom the date the days are counted from: the last contact, else the enrollment date
     */
    public record Engagement(Status status, LocalDate lastContactOn, LocalDate lastFaceToFaceOn,
            Integer daysSinceLastContact, LocalDate countedFrom) {
    }

    /** The date {@code now} falls on in the organization's zone. */
    public static LocalDate today(Instant now, ZoneId zone) {
        return now.atZone(zone).toLocalDate();
    }

    public static Engagement assess(LocalDate lastContactOn, LocalDate lastFaceToFaceOn, LocalDate enrolledOn,
            Thresholds thresholds, LocalDate today) {
        // Counted from the last contact, but never from before the current episode's enrolment: a readmitted
        // client starts fresh (issue 10: engagement ignores time outside episodes).
        LocalDate from = lastContactOn == null || enrolledOn != null && lastContactOn.isBefore(enrolledOn) ? enrolledOn
                : lastContactOn;
        if (from == null) {
            return new Engagement(Status.AT_RISK, null, lastFaceToFaceOn, null, null);
        }
        int days = (int) Math.max(0, ChronoUnit.DAYS.between(from, today));
        Status status = days > thresholds.disengagedAfterDays() ? Status.DISENGAGED
                : days > thresholds.atRiskAfterDays() ? Status.AT_RISK : Status.ENGAGED;
        return new Engagement(status, lastContactOn, lastFaceToFaceOn, days, from);
    }

    /**
     * The key of one disengagement episode: it starts when the client was last seen (or enrolled) and lasts until
     * the next contact with them. One outreach task per episode, so a restart or a second instance of the job
     * finds the same key and never opens a second task.
     */
    public static String episodeKey(String enrolleeId, Engagement engagement) {
        return enrolleeId + ":" + (engagement.countedFrom() == null ? "unknown" : engagement.countedFrom());
    }

    /** Whether an open task due on {@code dueOn} is overdue on {@code today}: the due day has passed. */
    public static boolean overdue(LocalDate dueOn, LocalDate today) {
        return dueOn != null && today.isAfter(dueOn);
    }

    /**
     * Michigan guidance XI.E: a client in stand-alone services needs at least one face-to-face encounter each
     * calendar month (organization zone). Null when the requirement does not apply to the client this month;
     * otherwise whether the month's face-to-face has happened. The requirement itself is
     * {@link StandAloneCompliance}'s.
     */
    public static Boolean monthlyFaceToFaceMet(LocalDate dateOfBirth, LocalDate enrolledOn, LocalDate dischargedOn,
            boolean inStandAloneServices, LocalDate acuteTreatmentEndedOn, LocalDate lastFaceToFaceOn,
            LocalDate today) {
        if (!inStandAloneServices || dateOfBirth == null) {
            return null;
        }
        BillingCase.Enrollee enrollee = new BillingCase.Enrollee(dateOfBirth, enrolledOn, dischargedOn, List.of(),
                true, acuteTreatmentEndedOn, Set.of(), false, null);
        StandAloneCompliance compliance = StandAloneCompliance.forMonth(enrollee, YearMonth.from(today),
                lastFaceToFaceOn == null ? List.of() : List.of(lastFaceToFaceOn));
        return compliance.applies() ? compliance == StandAloneCompliance.MET : null;
    }
}
