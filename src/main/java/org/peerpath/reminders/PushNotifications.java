package org.peerpath.reminders;

import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.domain.Sort;
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
 * Sends one notification to every device of one person and records it with its status: recorded as PENDING
 * before the sender is called, then SENT, RECORDED, NO_DEVICE or FAILED. Tokens answered as unregistered or
 * invalid are removed. A failed notification is not resent: the next reminder stage covers the clients again.
 */
@Service
class PushNotifications implements SmartInitializingSingleton {

    private static final Logger LOG = LoggerFactory.getLogger(PushNotifications.class);

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
        String id = UUID.randomUUID().toString();
        String ref = "ntf_" + id.replace("-", "");
        Notification pending = new Notification(id, organizationId, recipientId, kind, clients, month.toString(),
                title(kind), body(kind, clients), ref, Status.PENDING, sender.getClass().getSimpleName(), List.of(),
                now);
        mongo.insert(pending);

        List<String> tokens = devices.tokensOf(List.of(recipientId)).getOrDefault(recipientId, List.of());
        List<Delivery> deliveries = sender.send(tokens.stream()
                .map(token -> new Push(token, pending.title(), pending.body(), ref)).toList());
        List<DeliveryRecord> records = new ArrayList<>();
        for (Delivery delivery : deliveries) {
            if (delivery.outcome() == Outcome.TOKEN_INVALID) {
                devices.removeToken(delivery.push().token());
            }
            records.add(new DeliveryRecord(ending(delivery.push().token()), delivery.outcome(), delivery.detail()));
        }
        Status status = statusOf(deliveries);
        meters.counter("peerpath.notifications", "kind", kind.name(), "status", status.name()).increment();
        mongo.updateFirst(Query.query(Criteria.where("_id").is(id)),
                new Update().set("status", status).set("deliveries", records), Notification.class);
        if (status == Status.RECORDED && tokens.isEmpty()) {
            LOG.info("Push recorded, not sent (no device): \"{}\" / \"{}\" ref={}", pending.title(), pending.body(), ref);
        }
        return mongo.findById(id, Notification.class);
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
