package org.peerpath.reminders;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

/**
 * Published when a month ended without the face-to-face some enrollees needed (Michigan XI.E stand-alone
 * services, or every enrolled client where the organization asks for it): once per page of such enrollees the
 * reminder job claimed, so a listener handles them in a batch. The outreach feature listens to open tasks.
 * {@code today} is the organization's day when the job ran (its zone), so no listener reads the organization again
 * for each page (issue 16: organization settings are read once per organization per run).
 */
public record MonthlyFaceToFaceMissed(String organizationId, YearMonth month, LocalDate today, List<Client> clients) {

    public MonthlyFaceToFaceMissed {
        clients = List.copyOf(clients);
    }

    /** An enrollee who missed the month; {@code coachId} is null when the enrollee had no coach. */
    public record Client(String enrolleeId, String coachId) {
    }
}
