package org.peerpath.reminders;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import org.peerpath.billing.BillingCase;
import org.peerpath.billing.StandAloneCompliance;
import org.peerpath.contacts.FaceToFaceCalendar;
import org.peerpath.database.JobLocks;
import org.peerpath.people.Enrollee;
import org.peerpath.people.Organization;
import org.peerpath.people.PeopleDirectory;
import org.peerpath.people.ProgramStatus;
import org.peerpath.people.StaffMember;
import org.peerpath.reminders.Notification.Kind;
import org.peerpath.reminders.ReminderSchedule.Due;
import org.peerpath.reminders.ReminderSchedule.Stage;

/**
 * One pass of the reminder schedule at an instant: for every organization, the stages due now
 * ({@link ReminderSchedule}), the clients each concerns, a claim per client in the {@link ReminderLedger}, then
 * one digest per coach (clients still due) or per supervisor (clients whose month ended without the
 * face-to-face), and a {@link MonthlyFaceToFaceMissed} event per missed client. Safe to run again (restart) or
 * at once on several instances: the claims decide.
 *
 * <p>A client needs a face-to-face in a month when Michigan XI.E's stand-alone requirement applies to the month
 * ({@link StandAloneCompliance}, seeds/003: one face-to-face encounter per month), or, where the organization
 * opted in, when the client is enrolled.
 *
 * <p>Where the organization switched them on, the same pass sends the optional daily digests
 * ({@link OptionalReminders}: unsigned drafts, expiring consents and certifications) from the send time of each
 * local day, outside quiet hours, under the same lock.
 *
 * <p>One run at a time per organization, across instances: the lock {@code reminders.<organizationId>}
 * ({@link JobLocks}, held at most {@link #LOCK_AT_MOST_FOR}) keeps two instances from building two digests for
 * the same coach at once. The claims, not the lock, make each reminder go out once.
 */
@Service
public class ReminderJob {

    private static final Logger LOG = LoggerFactory.getLogger(ReminderJob.class);

    /** A run left by an instance that died frees its organization after this. */
    static final Duration LOCK_AT_MOST_FOR = Duration.ofMinutes(10);

    private final MongoTemplate mongo;
    private final ReminderSettingsRegistry settings;
    private final ReminderLedger ledger;
    private final FaceToFaceCalendar calendar;
    private final PeopleDirectory people;
    private final PushNotifications notifications;
    private final Devices devices;
    private final ApplicationEventPublisher events;
    private final OptionalReminders optional;
    private final JobLocks locks;

    ReminderJob(MongoTemplate mongo, ReminderSettingsRegistry settings, ReminderLedger ledger,
            FaceToFaceCalendar calendar, PeopleDirectory people, PushNotifications notifications, Devices devices,
            ApplicationEventPublisher events, OptionalReminders optional, JobLocks locks) {
        this.mongo = mongo;
        this.settings = settings;
        this.ledger = ledger;
        this.calendar = calendar;
        this.people = people;
        this.notifications = notifications;
        this.devices = devices;
        this.events = events;
        this.optional = optional;
        this.locks = locks;
    }

    /** What one pass did. */
    public record Summary(int clientsClaimed, int notificationsSent, int eventsPublished, long staleDevicesDropped,
            int itemsClaimed) {

        static final Summary NONE = new Summary(0, 0, 0, 0, 0);

        Summary(int clientsClaimed, int notificationsSent, int eventsPublished, long staleDevicesDropped) {
            this(clientsClaimed, notificationsSent, eventsPublished, staleDevicesDropped, 0);
        }

        Summary plus(Summary other) {
            return new Summary(clientsClaimed + other.clientsClaimed, notificationsSent + other.notificationsSent,
                    eventsPublished + other.eventsPublished, staleDevicesDropped + other.staleDevicesDropped,
                    itemsClaimed + other.itemsClaimed);
        }
    }

    /** Every organization's reminders due at {@code now}, and stale devices dropped. */
    public Summary run(Instant now) {
        Summary total = new Summary(0, 0, 0, devices.dropStale(now));
        for (Organization organization : mongo.findAll(Organization.class)) {
            try {
                total = total.plus(runFor(organization.id(), now));
            }
            catch (RuntimeException ex) {
                LOG.error("Reminders failed for organization {}", organization.id(), ex);
            }
        }
        return total;
    }

    /** One organization's reminders due at {@code now}. */
    public Summary runFor(String organizationId, Instant now) {
        Organization organization = mongo.findById(organizationId, Organization.class);
        if (organization == null) {
            return new Summary(0, 0, 0, 0);
        }
        ReminderSettings orgSettings = settings.of(organizationId);
        List<Due> due = orgSettings.schedule().dueAt(organization.zone(), now);
        Optional<LocalDate> daily = orgSettings.schedule().dailyDueOn(organization.zone(), now);
        if (due.isEmpty() && daily.isEmpty()) {
            return new Summary(0, 0, 0, 0);
        }
        String runId = UUID.randomUUID().toString();
        return locks.callExclusively("reminders." + organizationId, LOCK_AT_MOST_FOR, () -> {
            List<Enrollee> enrollees = candidates(organizationId);
            Summary summary = new Summary(0, 0, 0, 0);
            for (Due stage : due) {
                summary = summary.plus(stage.stage().isMonthEnd()
                        ? monthEnded(organization, orgSettings, enrollees, stage.month(), runId, now)
                        : remindCoaches(organization, orgSettings, enrollees, stage, runId, now));
            }
            if (daily.isPresent()) {
                OptionalReminders.Sent sent = optional.send(organization, orgSettings, daily.get(), runId, now);
                summary = summary.plus(new Summary(0, sent.notifications(), 0, 0, sent.items()));
            }
            return summary;
        }).orElse(Summary.NONE);
    }

    private Summary remindCoaches(Organization organization, ReminderSettings orgSettings, List<Enrollee> enrollees,
            Due due, String runId, Instant now) {
        Set<String> seen = calendar.enrolleesSeenFaceToFace(organization.id(), due.month());
        List<Enrollee> stillDue = enrollees.stream()
                .filter(e -> e.coachId() != null && needsFaceToFace(e, due.month(), orgSettings) && !seen.contains(e.id()))
                .toList();
        Map<String, List<Enrollee>> claimedByCoach = claim(organization, stillDue, due.month(), due.stage(), runId, now,
                Enrollee::coachId);
        int claimed = claimedByCoach.values().stream().mapToInt(List::size).sum();
        claimedByCoach.forEach((coachId, clients) -> notifications.send(organization.id(), coachId,
                Kind.FACE_TO_FACE_DUE, clients.size(), due.month(), now));
        return new Summary(claimed, claimedByCoach.size(), 0, 0);
    }

    private Summary monthEnded(Organization organization, ReminderSettings orgSettings, List<Enrollee> enrollees,
            YearMonth month, String runId, Instant now) {
        Set<String> seen = calendar.enrolleesSeenFaceToFace(organization.id(), month);
        List<Enrollee> missed = enrollees.stream()
                .filter(e -> needsFaceToFace(e, month, orgSettings) && !seen.contains(e.id()))
                .toList();
        Map<String, StaffMember> coaches = people.staffByIds(missed.stream().map(Enrollee::coachId)
                .filter(java.util.Objects::nonNull).collect(Collectors.toSet())).stream()
                .collect(Collectors.toMap(StaffMember::id, Function.identity()));
        Map<String, List<Enrollee>> claimedBySupervisor = claim(organization, missed, month, Stage.MONTH_END_MISSED,
                runId, now, e -> {
                    StaffMember coach = e.coachId() == null ? null : coaches.get(e.coachId());
                    return coach == null || coach.supervisorId() == null ? "" : coach.supervisorId();
                });
        int claimed = 0;
        for (List<Enrollee> clients : claimedBySupervisor.values()) {
            for (Enrollee client : clients) {
                events.publishEvent(new MonthlyFaceToFaceMissed(organization.id(), client.id(), client.coachId(), month));
                claimed++;
            }
        }
        int sent = 0;
        for (Map.Entry<String, List<Enrollee>> bySupervisor : claimedBySupervisor.entrySet()) {
            if (!bySupervisor.getKey().isEmpty()) {
                notifications.send(organization.id(), bySupervisor.getKey(), Kind.FACE_TO_FACE_MISSED,
                        bySupervisor.getValue().size(), month, now);
                sent++;
            }
        }
        return new Summary(claimed, sent, claimed, 0);
    }

    /** Claims each client for the stage; the ones this run won, grouped by recipient. */
    private Map<String, List<Enrollee>> claim(Organization organization, List<Enrollee> clients, YearMonth month,
            Stage stage, String runId, Instant now, Function<Enrollee, String> recipient) {
        Set<String> already = clients.isEmpty() ? Set.of()
                : ledger.claimed(clients.stream().map(Enrollee::id).toList(), month, stage);
        Map<String, List<Enrollee>> won = new LinkedHashMap<>();
        for (Enrollee client : clients) {
            if (!already.contains(client.id())
                    && ledger.claim(organization.id(), client.id(), client.coachId(), month, stage, runId, now)) {
                won.computeIfAbsent(recipient.apply(client), r -> new ArrayList<>()).add(client);
            }
        }
        return won;
    }

    /** Enrollees who may need a face-to-face: in stand-alone services, or enrolled (one query per organization). */
    private List<Enrollee> candidates(String organizationId) {
        return mongo.find(Query.query(Criteria.where("organizationId").is(organizationId).orOperator(
                Criteria.where("inStandAloneServices").is(true),
                Criteria.where("status").ne(ProgramStatus.REFERRED))), Enrollee.class);
    }

    static boolean needsFaceToFace(Enrollee enrollee, YearMonth month, ReminderSettings settings) {
        // Only months with at least one enrolled day count (issue 10: reminders ignore time outside episodes).
        if (!enrollee.enrolledBetween(month.atDay(1), month.atEndOfMonth())) {
            return false;
        }
        if (StandAloneCompliance.forMonth(billingView(enrollee), month, List.of()).applies()) {
            return true;
        }
        return settings.allEnrolledClients();
    }

    private static BillingCase.Enrollee billingView(Enrollee enrollee) {
        LocalDate dateOfBirth = enrollee.dateOfBirth() != null ? enrollee.dateOfBirth() : LocalDate.EPOCH;
        return new BillingCase.Enrollee(dateOfBirth, enrollee.enrolledOn(), enrollee.dischargedOn(), List.of(),
                enrollee.inStandAloneServices(), enrollee.acuteTreatmentEndedOn(), Set.of(), false, null);
    }
}
