package org.peerpath.reminders;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Service;

import org.peerpath.contacts.ContactAlerts;
import org.peerpath.database.JobLocks;
import org.peerpath.people.Organization;
import org.peerpath.people.PeopleDirectory;
import org.peerpath.people.StaffMember;
import org.peerpath.reminders.Notification.Kind;

/**
 * Escalations and flags reach the supervisor (issue 12, item 4): an escalated outreach task, a signed contact
 * flagged for missing consent and a contact waiting for review for more than 2 days go to the supervisor
 * concerned; a contact returned for correction goes to its coach, who must correct it (the supervisor returned it
 * and knows). One push per recipient and kind per pass, counts only on the lock screen like the coach's digest.
 *
 * <p>Each item is told once, ever: its claim ({@code alert:escalated:<taskId>}, {@code alert:flagged:<contactId>},
 * {@code alert:review-waiting:<contactId>}, {@code alert:returned:<contactId>:<returnedAt>} since a contact may be
 * returned again) goes into the {@link ReminderLedger} before the push is sent, so a crash between the two loses a
 * push rather than sending it twice (at most once, as the reminders). Nothing is sent in the organization's quiet
 * hours; the items wait for the next pass. One pass per organization at a time across instances, under the lock
 * {@code supervisor-alerts.<organizationId>} ({@link JobLocks}); the claims, not the lock, keep each item single.
 */
@Service
public class SupervisorAlerts {

    private static final Logger LOG = LoggerFactory.getLogger(SupervisorAlerts.class);

    /** A review waits too long after this many local days (issue 12, item 4: "more than 2 days"). */
    static final int REVIEW_WAITING_DAYS = 2;

    /** Flagged contacts signed this many days back or less are read (a pass never reads the whole history). */
    static final int FLAGGED_LOOKBACK_DAYS = 30;

    /** A pass left by an instance that died frees its organization after this. */
    static final Duration LOCK_AT_MOST_FOR = Duration.ofMinutes(10);

    /** What an item is about: decides the push's text. */
    public enum Topic {
        OUTREACH_ESCALATED(Kind.OUTREACH_ESCALATED),
        CONTACT_RETURNED(Kind.CONTACT_RETURNED),
        CONTACT_FLAGGED(Kind.CONTACT_FLAGGED),
        REVIEW_WAITING(Kind.REVIEW_WAITING);

        private final Kind kind;

        Topic(Kind kind) {
            this.kind = kind;
        }
    }

    /** One item to tell {@code recipientId} about, once, by its ledger id. */
    public record Item(Topic topic, String claimId, String recipientId) {
    }

    /** What one pass did: items claimed and pushes sent. */
    public record Sent(int items, int notifications) {

        static final Sent NONE = new Sent(0, 0);

        Sent plus(Sent other) {
            return new Sent(items + other.items, notifications + other.notifications);
        }
    }

    private final MongoTemplate mongo;
    private final List<SupervisorAlertSource> sources;
    private final ContactAlerts contacts;
    private final PeopleDirectory people;
    private final ReminderSettingsRegistry settings;
    private final ReminderLedger ledger;
    private final PushNotifications notifications;
    private final JobLocks locks;

    SupervisorAlerts(MongoTemplate mongo, List<SupervisorAlertSource> sources, ContactAlerts contacts,
            PeopleDirectory people, ReminderSettingsRegistry settings, ReminderLedger ledger,
            PushNotifications notifications, JobLocks locks) {
        this.mongo = mongo;
        this.sources = sources;
        this.contacts = contacts;
        this.people = people;
        this.settings = settings;
        this.ledger = ledger;
        this.notifications = notifications;
        this.locks = locks;
    }

    /** Every organization's alerts due at {@code now}. */
    public Sent run(Instant now) {
        Sent total = Sent.NONE;
        for (Organization organization : mongo.findAll(Organization.class)) {
            try {
                total = total.plus(runFor(organization, now));
            }
            catch (RuntimeException ex) {
                LOG.error("Supervisor alerts failed for organization {}", organization.id(), ex);
            }
        }
        return total;
    }

    /** One organization's alerts due at {@code now}: nothing in its quiet hours or while another pass holds it. */
    public Sent runFor(Organization organization, Instant now) {
        if (settings.of(organization.id()).schedule().isQuiet(organization.zone(), now)) {
            return Sent.NONE;
        }
        String runId = UUID.randomUUID().toString();
        return locks.callExclusively("supervisor-alerts." + organization.id(), LOCK_AT_MOST_FOR,
                () -> send(organization, itemsDue(organization, now), runId, now)).orElse(Sent.NONE);
    }

    private List<Item> itemsDue(Organization organization, Instant now) {
        List<Item> items = new ArrayList<>();
        for (SupervisorAlertSource source : sources) {
            items.addAll(source.itemsDue(organization, now));
        }
        LocalDate today = LocalDate.ofInstant(now, organization.zone());
        // Signed on the 13th: waiting more than 2 days from the start of the 16th (organization's zone).
        Instant waitingBefore = today.minusDays(REVIEW_WAITING_DAYS).atStartOfDay(organization.zone()).toInstant();
        List<ContactAlerts.Alert> alerts = contacts.due(organization.id(), waitingBefore,
                today.minusDays(FLAGGED_LOOKBACK_DAYS).atStartOfDay(organization.zone()).toInstant());
        Map<String, StaffMember> coaches = people.staffByIds(alerts.stream().map(ContactAlerts.Alert::coachId)
                .collect(Collectors.toSet())).stream().collect(Collectors.toMap(StaffMember::id, Function.identity()));
        for (ContactAlerts.Alert alert : alerts) {
            StaffMember coach = coaches.get(alert.coachId());
            String supervisor = coach == null ? null : coach.supervisorIdOn(alert.dateOfService());
            switch (alert.reason()) {
                case RETURNED -> items.add(new Item(Topic.CONTACT_RETURNED, "alert:returned:" + alert.contactId()
                        + ":" + alert.occurrence().toEpochMilli(), alert.coachId()));
                case FLAGGED -> items.add(new Item(Topic.CONTACT_FLAGGED, "alert:flagged:" + alert.contactId(),
                        supervisor));
                case REVIEW_WAITING -> items.add(new Item(Topic.REVIEW_WAITING,
                        "alert:review-waiting:" + alert.contactId(), supervisor));
            }
        }
        return items.stream().filter(item -> item.recipientId() != null).toList();
    }

    /** Claims each item not yet claimed, then one push per recipient and topic for the items this pass won. */
    private Sent send(Organization organization, List<Item> due, String runId, Instant now) {
        Set<String> taken = ledger.taken(due.stream().map(Item::claimId).toList());
        Map<String, List<Item>> byRecipientAndTopic = new LinkedHashMap<>();
        for (Item item : due) {
            if (!taken.contains(item.claimId())) {
                byRecipientAndTopic.computeIfAbsent(item.recipientId() + "/" + item.topic(), k -> new ArrayList<>())
                        .add(item);
            }
        }
        YearMonth month = YearMonth.from(LocalDate.ofInstant(now, organization.zone()));
        Sent sent = Sent.NONE;
        for (List<Item> items : byRecipientAndTopic.values()) {
            Item first = items.get(0);
            int won = 0;
            for (Item item : items) {
                if (ledger.claim(item.claimId(), organization.id(), item.recipientId(), item.topic().kind.name(),
                        runId, now)) {
                    won++;
                }
            }
            if (won > 0) {
                notifications.send(organization.id(), first.recipientId(), first.topic().kind, won, month, now);
                sent = sent.plus(new Sent(won, 1));
            }
        }
        return sent;
    }
}
