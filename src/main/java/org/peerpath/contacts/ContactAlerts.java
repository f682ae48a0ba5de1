package org.peerpath.contacts;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Component;

import org.peerpath.contacts.Contact.Status;
import org.peerpath.database.IdPages;

/**
 * The contacts someone must hear about (issue 12, item 4), for the reminders' alerts job: contacts returned for
 * correction (their coach corrects them), signed contacts flagged for review for missing consent, and contacts
 * waiting for review since before a given instant (their reviewer). Three queries per organization and
 * {@value IdPages#SIZE} contacts; only the fields an alert needs are read, never a narrative.
 */
@Component
public class ContactAlerts {

    /** Why a contact is reported. */
    public enum Reason {
        /** Returned for correction: the coach who signed it must correct it. */
        RETURNED,
        /** Signed and flagged for review: a contact with someone other than the client without consent. */
        FLAGGED,
        /** Awaiting review since before the threshold. */
        REVIEW_WAITING
    }

    /**
     * One contact to report.
     *
     * @param occurrence what makes this report distinct from an earlier one about the same contact: the instant
     *     it was returned (a contact may be returned again after a resubmission); null for the others, which are
     *     reported once per contact
     */
    public record Alert(Reason reason, String contactId, String coachId, LocalDate dateOfService,
            Instant occurrence) {
    }

    private final MongoTemplate mongo;

    ContactAlerts(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * The organization's contacts to report now: a review waits too long when the contact was signed before
     * {@code waitingBefore}; flagged contacts signed since {@code flaggedSince} (so a pass reads recent ones, not
     * the whole history; older ones were reported when they were new).
     */
    public List<Alert> due(String organizationId, Instant waitingBefore, Instant flaggedSince) {
        List<Alert> alerts = new ArrayList<>();
        for (Document c : find(signed(organizationId).and("review.status").is(Review.Status.RETURNED.name()))) {
            alerts.add(alert(Reason.RETURNED, c, c.get("review", Document.class).getDate("returnedAt").toInstant()));
        }
        for (Document c : find(signed(organizationId).and("flaggedForReview").is(true).and("signedAt")
                .gte(Date.from(flaggedSince)))) {
            alerts.add(alert(Reason.FLAGGED, c, null));
        }
        for (Document c : find(signed(organizationId).and("review.status").is(Review.Status.AWAITING_REVIEW.name())
                .and("signedAt").lt(Date.from(waitingBefore)))) {
            alerts.add(alert(Reason.REVIEW_WAITING, c, null));
        }
        return alerts;
    }

    private static Criteria signed(String organizationId) {
        return Criteria.where("organizationId").is(organizationId).and("status").is(Status.SIGNED.name());
    }

    private Alert alert(Reason reason, Document contact, Instant occurrence) {
        // The date of service as the contact log stored it, read back the same way.
        LocalDate dateOfService = mongo.getConverter().getConversionService().convert(contact.get("dateOfService"),
                LocalDate.class);
        return new Alert(reason, contact.getString("_id"), contact.getString("coachId"), dateOfService, occurrence);
    }

    /** In id pages ({@link IdPages}): a queue nobody works grows, and never comes back in one reply (issue 19). */
    private List<Document> find(Criteria criteria) {
        List<Document> found = new ArrayList<>();
        IdPages.forEach(mongo, criteria, mongo.getCollectionName(Contact.class), IdPages.SIZE,
                List.of("coachId", "dateOfService", "review.returnedAt"), found::addAll);
        return found;
    }
}
