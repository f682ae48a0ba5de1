package org.peerpath.people;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The organization's rule pack from a day on (issue 10, item 3). Kept forever in the order recorded: the history
 * says who chose which pack from when.
 *
 * @param effectiveFrom first day of service the pack applies to, in the organization's zone
 * @param rulePack the pack
 * @param changedBy the administrator who recorded it
 * @param changedAt when it was recorded
 */
public record RulePackChange(LocalDate effectiveFrom, RulePack rulePack, String changedBy, Instant changedAt)
        implements DatedSetting {
}
