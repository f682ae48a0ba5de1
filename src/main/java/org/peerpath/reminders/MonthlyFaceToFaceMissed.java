package org.peerpath.reminders;

import java.time.YearMonth;

/**
 * Published once per enrollee and month when a month ended without the face-to-face the enrollee needed
 * (Michigan XI.E stand-alone services, or every enrolled client where the organization asks for it). The
 * outreach feature listens to open a task. {@code coachId} is null when the enrollee had no coach.
 */
public record MonthlyFaceToFaceMissed(String organizationId, String enrolleeId, String coachId, YearMonth month) {
}
