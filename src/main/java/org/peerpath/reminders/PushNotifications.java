package org.peerpath.reminders;

import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import org.peerpath.database.Keyset;
import org.peerpath.graphql.Connection;
import org.peerpath.graphql.Dates;
import org.peerpath.graphql.DomainException;
import org.peerpath.graphql.PageRequest;
import org.peerpath.reminders.Notification.DeliveryRecord;
import org.peerpath.reminders.Notification.Kind;
import org.peerpath.reminders.Notification.Status;
import org.peerpath.reminders.NotificationSender.Delivery;
import org.peerpath.reminders.NotificationSender.Outcome;
import org.peerpath.reminders.NotificationSender.Push;
import org.peerpath.security.Role;
import org.peerpath.security.Viewer;

/**
 * Sends one notification to every device of each recipient and records it with its status: recorded as PENDING
 * before the sender is called, then SENT, RECORDED, NO_DEVICE or FAILED. Tokens answered as unregistered or
 * invalid are removed. A failed notification is not resent: the next reminder stage covers the clients again.
 */
@Service
class PushNotifications implements SmartInitializingSingleton {

    private static final Logger LOG = LoggerFactory.getLogger(PushNotifications.class);

    /** Recipients per batch of {@link #sendAll}: one page, as the jobs walk clients (database.IdPages). */
    static final int BATCH = 500;

    private static final Keyset<Instant> NEWEST_FIRST = Keyset.descending("createdAt", Dates::instant);

    private final MongoTemplate mongo;
    private final Devices devices;
    private final NotificationSender sender;
    private final MeterRegistry meters;

    PushNotifications(MongoTemplate mongo, Devices devices, NotificationSender sender, MeterRegistry meters) {
        this.meters = meters;
        // Every series exists from the start, so a rate or an alert on FAILED works before the first failure.
        for (Kind kind : Kind.values()) {
            for (Status status : Status.values()) {
                if (status != Status.PENDING) {
                    meters.counter("peerpath.notifications", "kind", kind.name(), "status", status.name());
                }
            }
        }
        this.mongo = mongo;
        this.devices = devices;
        this.sender = sender;
    }

    @Override
    public void afterSingletonsInstantiated() {
        mongo.indexOps(Notification.class).createIndex(new Index().on("recipientId", Sort.Direction.ASC)
                .on("createdAt", Sort.Direction.DESC).named("recipient_created"));
        mongo.indexOps(Notification.class).createIndex(new Index().on("organizationId", Sort.Direction.ASC)
                .on("createdAt", Sort.Direction.DESC).named("organization_created"));
    }

    /** Lock-screen text: a count, never a name or a diagnosis. */
    static String title(Kind kind) {
        return switch (kind) {
            case FACE_TO_FACE_DUE -> "Face-to-face visits due";
            case FACE_TO_FACE_MISSED -> "Monthly visits missed";
            case DRAFTS_UNSIGNED -> "Contact drafts to sign";
            case CONSENTS_EXPIRING -> "Consents expiring";
            case CERTIFICATION_EXPIRING -> "Certification expiring";
            case OUTREACH_ESCALATED -> "Outreach escalated";
            case CONTACT_RETURNED -> "Contacts returned";
            case CONTACT_FLAGGED -> "Contacts flagged";
            case REVIEW_WAITING -> "Reviews waiting";
        };
    }

    static String body(Kind kind, int clients) {
        String who = clients == 1 ? "1 client" : clients + " clients";
        return switch (kind) {
            case FACE_TO_FACE_DUE -> who + (clients == 1 ? " is" : " are") + " due for a face-to-face visit this month";
            case FACE_TO_FACE_MISSED -> who + " missed their monthly face-to-face visit";
            case DRAFTS_UNSIGNED -> clients == 1 ? "1 contact draft has been unsigned for 2 days or more"
                    : clients + " contact drafts have been unsigned for 2 days or more";
            case CONSENTS_EXPIRING -> clients == 1 ? "1 consent expires within 14 days"
                    : clients + " consents expire within 14 days";
            case CERTIFICATION_EXPIRING -> clients == 1 ? "Your certification expires within 30 days"
                    : clients + " of your certifications expire within 30 days";
            case OUTREACH_ESCALATED -> clients == 1 ? "1 outreach task was escalated to you"
                    : clients + " outreach tasks were escalated to you";
            case CONTACT_RETURNED -> clients == 1 ? "1 contact was returned to you for correction"
                    : clients + " contacts were returned to you for correction";
            case CONTACT_FLAGGED -> clients == 1 ? "1 contact was flagged for missing consent"
                    : clients + " contacts were flagged for missing consent";
            case REVIEW_WAITING -> clients == 1 ? "1 contact has waited for your review for more than 2 days"
                    : clients + " contacts have waited for your review for more than 2 days";
        };
    }

    Notification send(String organizationId, String recipientId, Kind kind, int clients, YearMonth month,
            Instant now) {
        String id = sendAll(organizationId, kind, List.of(new Digest(recipientId, clients)), month, now).get(0);
        return mongo.findById(id, Notification.class);
    }

    /** One recipient's notification: whom, and how many clients (or items) it counts. */
    record Digest(String recipientId, int count) {
    }

    /**
     * One notification per digest, all of one kind and month; their ids, in the digests' order. A batch of up to
     * {@value #BATCH} costs one insert of the PENDING records, one read of the recipients' devices, one removal of
     * tokens answered as invalid (if any) and one bulk write of the outcomes, whatever the number of recipients in
     * it (issue 16: the reminder job spent four commands per coach, over 9,000 at 2,000 coaches). The records are
     * on disk as PENDING before the sender is called, as for one notification.
     */
    List<String> sendAll(String organizationId, Kind kind, List<Digest> digests, YearMonth month, Instant now) {
        List<String> ids = new ArrayList<>(digests.size());
        for (int from = 0; from < digests.size(); from += BATCH) {
            ids.addAll(sendBatch(organizationId, kind, digests.subList(from, Math.min(digests.size(), from + BATCH)),
                    month, now));
        }
        return ids;
    }

    private List<String> sendBatch(String organizationId, Kind kind, List<Digest> digests, YearMonth month,
            Instant now) {
        List<Notification> pending = new ArrayList<>(digests.size());
        for (Digest digest : digests) {
            String id = UUID.randomUUID().toString();
            pending.add(new Notification(id, organizationId, digest.recipientId(), kind, digest.count(),
                    month.toString(), title(kind), body(kind, digest.count()), "ntf_" + id.replace("-", ""),
                    Status.PENDING, sender.getClass().getSimpleName(), List.of(), now));
        }
        mongo.insertAll(pending);

        Map<String, List<String>> tokens = devices.tokensOf(digests.stream().map(Digest::recipientId).toList());
        List<Push> pushes = new ArrayList<>();
        for (Notification notification : pending) {
            for (String token : tokens.getOrDefault(notification.recipientId(), List.of())) {
                pushes.add(new Push(token, notification.title(), notification.body(), notification.ref()));
            }
        }
        Map<String, List<Delivery>> byRef = new HashMap<>();
        List<String> invalid = new ArrayList<>();
        for (Delivery delivery : sender.send(pushes)) {
            byRef.computeIfAbsent(delivery.push().ref(), ref -> new ArrayList<>()).add(delivery);
            if (delivery.outcome() == Outcome.TOKEN_INVALID) {
                invalid.add(delivery.push().token());
            }
        }
        devices.removeTokens(invalid);

        BulkOperations outcomes = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, Notification.class);
        for (Notification notification : pending) {
            List<Delivery> deliveries = byRef.getOrDefault(notification.ref(), List.of());
            List<DeliveryRecord> records = deliveries.stream().map(delivery -> new DeliveryRecord(
                    ending(delivery.push().token()), delivery.outcome(), delivery.detail())).toList();
            Status status = statusOf(deliveries);
            meters.counter("peerpath.notifications", "kind", kind.name(), "status", status.name()).increment();
            outcomes.updateOne(Query.query(Criteria.where("_id").is(notification.id())),
                    new Update().set("status", status).set("deliveries", records));
            if (status == Status.RECORDED && deliveries.isEmpty()) {
                LOG.info("Push recorded, not sent (no device): \"{}\" / \"{}\" ref={}", notification.title(),
                        notification.body(), notification.ref());
            }
        }
        outcomes.execute();
        return pending.stream().map(Notification::id).toList();
    }

    private Status statusOf(List<Delivery> deliveries) {
        if (deliveries.stream().anyMatch(d -> d.outcome() == Outcome.DELIVERED)) {
            return Status.SENT;
        }
        if (sender.recordsOnly()) {
            return Status.RECORDED;
        }
        return deliveries.isEmpty() ? Status.NO_DEVICE : Status.FAILED;
    }

    private static String ending(String token) {
        return token.length() <= 6 ? token : token.substring(token.length() - 6);
    }

    /** The notifications of the viewer's organization, newest first: administrators only. */
    Connection<Notification> recorded(Viewer viewer, PageRequest page) {
        if (viewer.role() != Role.ADMIN) {
            throw DomainException.forbidden("Only administrators see the organization's notifications.");
        }
        return page(Criteria.where("organizationId").is(viewer.organizationId()), page);
    }

    /** The viewer's own notifications, newest first. */
    Connection<Notification> mine(Viewer viewer, PageRequest page) {
        return page(Criteria.where("recipientId").is(viewer.personId()), page);
    }

    private Connection<Notification> page(Criteria criteria, PageRequest page) {
        return Connection.of(mongo.find(NEWEST_FIRST.query(criteria, page), Notification.class), page,
                n -> NEWEST_FIRST.cursor(n.createdAt(), n.id()));
    }
}
