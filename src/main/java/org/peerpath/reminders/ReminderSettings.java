package org.peerpath.reminders;

import java.time.Instant;
import java.time.LocalTime;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An organization's reminder settings, keyed by organization id and kept apart from the organization record
 * (owned by people). Absent means the defaults: the 15th and the 25th at 09:00, quiet from 21:00 to 08:00,
 * and only enrollees in Michigan XI.E stand-alone services (seeds/003), who need one face-to-face a month.
 *
 * @param allEnrolledClients remind about every enrolled client without a face-to-face this month, not only
 *     those in stand-alone services
 * @param remindUnsignedDrafts optional (issue 6): remind coaches of their drafts unsigned for 2 days
 * @param remindExpiringConsents optional: remind coaches of their caseload's consents expiring within 14 days
 * @param remindExpiringCertifications optional: remind coaches of their certification expiring within 30 days
 */
@Document("reminderSettings")
record ReminderSettings(@Id String organizationId, List<Integer> reminderDays, LocalTime sendAt, LocalTime quietFrom,
        LocalTime quietUntil, boolean allEnrolledClients, boolean remindUnsignedDrafts, boolean remindExpiringConsents,
        boolean remindExpiringCertifications, Instant updatedAt, String updatedBy) {

    static ReminderSettings defaults(String organizationId) {
        ReminderSchedule schedule = ReminderSchedule.DEFAULT;
        return new ReminderSettings(organizationId, schedule.reminderDays(), schedule.sendAt(), schedule.quietFrom(),
                schedule.quietUntil(), false, false, false, false, null, null);
    }

    ReminderSchedule schedule() {
        return new ReminderSchedule(reminderDays, sendAt, quietFrom, quietUntil);
    }
}
