package org.peerpath.reminders;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import org.peerpath.consent.ExpiringConsents;
import org.peerpath.contacts.UnsignedDrafts;
import org.peerpath.people.Enrollee;
import org.peerpath.people.ExpiringCertifications;
import org.peerpath.people.Organization;

/**
 * The optional daily reminders of an organization ({@link OptionalReminder}): for each kind switched on, the
 * items due today read in one query for the whole organization, their claims in the {@link ReminderLedger} in
 * batches, and one digest per coach counting the items this run won. Called by {@link ReminderJob} under the
 * organization's lock, on a local day {@link ReminderSchedule#dailyDueOn} allows.
 */
@Component
class OptionalReminders {

    /** One item to remind a coach of, by its ledger id. */
    private record Item(String claimId, String coachId) {
    }

    /** What one pass did: items claimed and digests sent. */
    record Sent(int items, int notifications) {
    }

    private final MongoTemplate mongo;
    private final ReminderLedger ledger;
    private final PushNotifications notifications;
    private final UnsignedDrafts drafts;
    private final ExpiringConsents consents;
    private final ExpiringCertifications certifications;

    OptionalReminders(MongoTemplate mongo, ReminderLedger ledger, PushNotifications notifications,
            UnsignedDrafts drafts, ExpiringConsents consents, ExpiringCertifications certifications) {
        this.mongo = mongo;
        this.ledger = ledger;
        this.notifications = notifications;
        this.drafts = drafts;
        this.consents = consents;
        this.certifications = certifications;
    }

    Sent send(Organization organization, ReminderSettings settings, LocalDate today, String runId, Instant now) {
        int items = 0;
        int sent = 0;
        for (OptionalReminder reminder : OptionalReminder.values()) {
            if (!reminder.isOn(settings)) {
                continue;
            }
            List<Item> due = itemsDue(reminder, organization.id(), organization.zone(), today);
            Set<String> taken = ledger.taken(due.stream().map(Item::claimId).toList());
            Map<String, List<Item>> byCoach = new LinkedHashMap<>();
            for (Item item : due) {
                if (!taken.contains(item.claimId())) {
                    byCoach.computeIfAbsent(item.coachId(), c -> new ArrayList<>()).add(item);
                }
            }
            String kind = reminder.kind().name();
            // Three writes a kind whatever the number of coaches (issue 16): each coach's day of this kind, then
            // the items of the coaches whose day this run won, then their digests. A run that dies between them
            // leaves its coaches' day taken and the items unclaimed: the next day's run reminds them, never twice.
            Set<String> coachesWon = ledger.claimAll(organization.id(), byCoach.keySet().stream()
                    .map(coach -> new ReminderLedger.Claim(reminder.dailyId(coach, today), coach)).toList(), kind,
                    runId, now);
            List<ReminderLedger.Claim> itemClaims = new ArrayList<>();
            byCoach.forEach((coach, coachItems) -> {
                if (coachesWon.contains(reminder.dailyId(coach, today))) {
                    coachItems.forEach(item -> itemClaims.add(new ReminderLedger.Claim(item.claimId(), coach)));
                }
            });
            Set<String> itemsWon = ledger.claimAll(organization.id(), itemClaims, kind, runId, now);
            Map<String, Integer> wonByCoach = new LinkedHashMap<>();
            for (ReminderLedger.Claim claim : itemClaims) {
                if (itemsWon.contains(claim.claimId())) {
                    wonByCoach.merge(claim.recipientId(), 1, Integer::sum);
                }
            }
            notifications.sendAll(organization.id(), reminder.kind(), wonByCoach.entrySet().stream()
                    .map(e -> new PushNotifications.Digest(e.getKey(), e.getValue())).toList(),
                    YearMonth.from(today), now);
            items += itemsWon.size();
            sent += wonByCoach.size();
        }
        return new Sent(items, sent);
    }

    /** The items of one kind due today in the organization, each with the coach to remind (batch reads only). */
    private List<Item> itemsDue(OptionalReminder reminder, String organizationId, ZoneId zone, LocalDate today) {
        return switch (reminder) {
            case UNSIGNED_DRAFTS -> drafts.createdOrStartedBefore(organizationId, reminder.draftsBefore(today, zone))
                    .stream().map(d -> new Item(reminder.claimId(d.contactId()), d.coachId())).toList();
            case EXPIRING_CONSENTS -> {
                List<ExpiringConsents.Expiring> expiring = consents.activeExpiringBy(organizationId, today,
                        reminder.expiringThrough(today));
                Map<String, String> coachOf = coachesOf(organizationId,
                        expiring.stream().map(ExpiringConsents.Expiring::enrolleeId).collect(Collectors.toSet()));
                yield expiring.stream().filter(c -> coachOf.containsKey(c.enrolleeId()))
                        .map(c -> new Item(reminder.claimId(c.consentId()), coachOf.get(c.enrolleeId()))).toList();
            }
            case EXPIRING_CERTIFICATIONS -> certifications.expiringBy(organizationId, today,
                    reminder.expiringThrough(today)).stream()
                    .map(c -> new Item(reminder.claimId(c.staffId(), c.certificationId()), c.staffId())).toList();
        };
    }

    /** The coach of each of these enrollees still on a caseload (not discharged), in one query. */
    private Map<String, String> coachesOf(String organizationId, Set<String> enrolleeIds) {
        if (enrolleeIds.isEmpty()) {
            return Map.of();
        }
        Query query = Query.query(Criteria.where("organizationId").is(organizationId).and("_id").in(enrolleeIds)
                .and("coachId").ne(null).and("status").ne("DISCHARGED"));
        query.fields().include("_id", "coachId");
        return mongo.find(query, Document.class, mongo.getCollectionName(Enrollee.class)).stream()
                .collect(Collectors.toMap(d -> d.getString("_id"), d -> d.getString("coachId")));
    }
}
