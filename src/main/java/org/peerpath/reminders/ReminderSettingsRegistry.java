package org.peerpath.reminders;

import java.time.Clock;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Service;

import org.peerpath.graphql.DomainException;
import org.peerpath.graphql.InputProblems;
import org.peerpath.security.Role;
import org.peerpath.security.Viewer;

/** Reads an organization's reminder settings (defaults when none were saved); administrators change them. */
@Service
class ReminderSettingsRegistry {

    private final MongoTemplate mongo;
    private final Clock clock;

    ReminderSettingsRegistry(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    ReminderSettings of(String organizationId) {
        ReminderSettings saved = mongo.findById(organizationId, ReminderSettings.class);
        return saved != null ? saved : ReminderSettings.defaults(organizationId);
    }

    ReminderSettings of(Viewer viewer) {
        if (!viewer.role().isStaff()) {
            throw DomainException.forbidden("Reminder settings are for staff.");
        }
        return of(viewer.organizationId());
    }

    /** Omitted fields keep their value. Times are local "HH:mm" in the organization's zone. */
    record UpdateReminderSettingsInput(List<Integer> reminderDays, String sendAt, String quietFrom, String quietUntil,
            Boolean allEnrolledClients, Boolean remindUnsignedDrafts, Boolean remindExpiringConsents,
            Boolean remindExpiringCertifications) {
    }

    ReminderSettings update(Viewer viewer, UpdateReminderSettingsInput input) {
        if (viewer.role() != Role.ADMIN) {
            throw DomainException.forbidden("Only administrators change reminder settings.");
        }
        ReminderSettings current = of(viewer.organizationId());
        InputProblems problems = new InputProblems();
        LocalTime sendAt = time(input.sendAt(), "sendAt", current.sendAt(), problems);
        LocalTime quietFrom = time(input.quietFrom(), "quietFrom", current.quietFrom(), problems);
        LocalTime quietUntil = time(input.quietUntil(), "quietUntil", current.quietUntil(), problems);
        List<Integer> days = input.reminderDays() != null ? input.reminderDays() : current.reminderDays();
        problems.check(days.isEmpty() || days.size() > 10 || days.stream().anyMatch(d -> d == null || d < 1 || d > 31),
                "'reminderDays' must list 1 to 10 days between 1 and 31.");
        problems.throwIfAny();
        ReminderSettings updated = new ReminderSettings(viewer.organizationId(),
                new ReminderSchedule(days, sendAt, quietFrom, quietUntil).reminderDays(), sendAt, quietFrom,
                quietUntil, or(input.allEnrolledClients(), current.allEnrolledClients()),
                or(input.remindUnsignedDrafts(), current.remindUnsignedDrafts()),
                or(input.remindExpiringConsents(), current.remindExpiringConsents()),
                or(input.remindExpiringCertifications(), current.remindExpiringCertifications()), clock.instant(),
                viewer.personId());
        return mongo.save(updated);
    }

    private static boolean or(Boolean value, boolean current) {
        return value != null ? value : current;
    }

    private static LocalTime time(String value, String field, LocalTime current, InputProblems problems) {
        if (value == null) {
            return current;
        }
        try {
            return LocalTime.parse(value);
        }
        catch (DateTimeParseException ex) {
            problems.add("'" + field + "' must be a time of day such as 09:00.");
            return current;
        }
    }
}
