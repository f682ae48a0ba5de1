package org.peerpath.reminders;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Service;

import org.peerpath.billing.BillingCase;
import org.peerpath.billing.StandAloneCompliance;
import org.peerpath.contacts.FaceToFaceCalendar;
import org.peerpath.database.IdPages;
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
 * face-to-face), and a {@link MonthlyFaceToFaceMissed} event per page of missed clients. Safe to run again
 * (restart) or at once on several instances: the claims decide.
 *
 * <p>The organization's clients are walked in pages ({@link IdPages}) with only the fields the stages read: one
 * page in memory, and per page one read of the clients, one of their face-to-face visits and one insert of the
 * claims, whatever the organization's size (issue 16).
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
        return runFor(organizationId, now, IdPages.SIZE);
    }

    /** The same, walking the clients {@code pageSize} at a time (the tests cross pages with a few clients). */
    Summary runFor(String organizationId, Instant now, int pageSize) {
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
            List<StageRun> stages = due.stream().map(stage -> new StageRun(organization, orgSettings, stage, runId,
                    now)).toList();
            // One page of candidates in memory at a time; each stage claims its clients of the page in one insert.
            if (!stages.isEmpty()) {
                IdPages.forEach(mongo, candidates(organizationId), Enrollee.class, Enrollee::id, pageSize,
                        Enrollee.ENROLMENT_FIELDS, page -> stages.forEach(stage -> stage.claimFrom(page)));
            }
            Summary summary = new Summary(0, 0, 0, 0);
            for (StageRun stage : stages) {
                summary = summary.plus(stage.send());
            }
            if (daily.isPresent()) {
                OptionalReminders.Sent sent = optional.send(organization, orgSettings, daily.get(), runId, now);
                summary = summary.plus(new Summary(0, sent.notifications(), 0, 0, sent.items()));
            }
            return summary;
        }).orElse(Summary.NONE);
    }

    /**
     * One due stage over the pages of one run: clients still due (a reminder day) or who missed the month (the
     * month's end) are claimed page by page; only the count per recipient outlives a page, and the digests go out
     * once every page is claimed.
     */
    private final class StageRun {

        private final Organization organization;
        private final ReminderSettings orgSettings;
        private final Due due;
        private final String runId;
        private final Instant now;
        private final Map<String, Integer> claimedByRecipient = new LinkedHashMap<>();
        /** Coach id to supervisor id ("" for none): one lookup per coach per run, not per client. */
        private final Map<String, String> supervisorOf = new HashMap<>();
        private int claimed;

        StageRun(Organization organization, ReminderSettings orgSettings, Due due, String runId, Instant now) {
            this.organization = organization;
            this.orgSettings = orgSettings;
            this.due = due;
            this.runId = runId;
            this.now = now;
        }

        void claimFrom(List<Enrollee> page) {
            Set<String> seen = calendar.enrolleesSeenFaceToFace(organization.id(),
                    page.stream().map(Enrollee::id).toList(), due.month());
            boolean monthEnded = due.stage().isMonthEnd();
            List<Enrollee> clients = page.stream()
                    .filter(e -> (monthEnded || e.coachId() != null) && needsFaceToFace(e, due.month(), orgSettings)
                            && !seen.contains(e.id()))
                    .toList();
            Stage stage = monthEnded ? Stage.MONTH_END_MISSED : due.stage();
            List<Enrollee> won = ledger.claim(organization.id(), clients, due.month(), stage, runId, now);
            if (won.isEmpty()) {
                return;
            }
            claimed += won.size();
            if (monthEnded) {
                knowSupervisorsOf(won);
                events.publishEvent(new MonthlyFaceToFaceMissed(organization.id(), due.month(),
                        LocalDate.ofInstant(now, organization.zone()), won.stream()
                        .map(e -> new MonthlyFaceToFaceMissed.Client(e.id(), e.coachId())).toList()));
            }
            for (Enrollee client : won) {
                String recipient = monthEnded ? supervisorOf.getOrDefault(client.coachId(), "") : client.coachId();
                claimedByRecipient.merge(recipient, 1, Integer::sum);
            }
        }

        private void knowSupervisorsOf(List<Enrollee> clients) {
            Set<String> unknown = clients.stream().map(Enrollee::coachId).filter(Objects::nonNull)
                    .filter(id -> !supervisorOf.containsKey(id)).collect(Collectors.toSet());
            if (unknown.isEmpty()) {
                return;
            }
            for (StaffMember coach : people.staffByIds(unknown)) {
                supervisorOf.put(coach.id(), coach.supervisorId() == null ? "" : coach.supervisorId());
            }
            unknown.forEach(id -> supervisorOf.putIfAbsent(id, ""));
        }

        /** One digest per coach (clients still due) or per supervisor (clients who missed the month). */
        Summary send() {
            boolean monthEnded = due.stage().isMonthEnd();
            // No supervisor to tell (""): the outreach task still reaches the coach.
            List<PushNotifications.Digest> digests = claimedByRecipient.entrySet().stream()
                    .filter(recipient -> recipient.getKey() != null && !recipient.getKey().isEmpty())
                    .map(recipient -> new PushNotifications.Digest(recipient.getKey(), recipient.getValue())).toList();
            notifications.sendAll(organization.id(), monthEnded ? Kind.FACE_TO_FACE_MISSED : Kind.FACE_TO_FACE_DUE,
                    digests, due.month(), now);
            return new Summary(claimed, digests.size(), monthEnded ? claimed : 0, 0);
        }
    }

    /** Enrollees who may need a face-to-face: in stand-alone services, or enrolled. */
    private static Criteria candidates(String organizationId) {
        return Criteria.where("organizationId").is(organizationId).orOperator(
                Criteria.where("inStandAloneServices").is(true),
                Criteria.where("status").ne(ProgramStatus.REFERRED));
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
