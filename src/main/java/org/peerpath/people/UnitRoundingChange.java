package org.peerpath.people;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The organization's unit rounding from a day on (issue 10, item 3; shared/docs/billing-rules.md, Units: an
 * agency may configure it). Kept forever in the order recorded.
 *
 * @param effectiveFrom first day of service the rounding applies to, in the organization's zone
 * @param unitRounding the rounding, or the pack's own
 * @param changedBy the administrator who recorded it
 * @param changedAt when it was recorded
 */
public record UnitRoundingChange(LocalDate effectiveFrom, UnitRoundingChoice unitRounding, String changedBy,
        Instant changedAt) implements DatedSetting {
}
