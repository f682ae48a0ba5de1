package org.peerpath.contacts;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import org.peerpath.billing.BillingCase.ContactType;
import org.peerpath.contacts.Contact.Status;
import org.peerpath.people.Enrollee;

/**
 * Read-only facts about contacts for other features (outreach, supervision), computed in batches: one database
 * command per call whatever the number of enrollees (the last contacts from the enrollees' activity summaries), so lists built on them stay free of N+1 queries. Callers
 * decide access and audit; this class only answers for the ids or organization it is given.
 */
@Service
public class ContactActivity {

    private final MongoTemplate mongo;
    private final EnrolleeActivity summaries;

    ContactActivity(MongoTemplate mongo, EnrolleeActivity summaries) {
        this.mongo = mongo;
        this.summaries = summaries;
    }

    /**
     * When a client was last reached (face-to-face, phone, or collateral with them present), drafts included, and
     * last seen in person as {@link org.peerpath.billing.StandAloneCompliance#countsAsFaceToFace} says (signed, the
     * client present in person, any type).
     */
    public record LastContacts(String enrolleeId, LocalDate lastContactOn, LocalDate lastFaceToFaceOn) {
    }

    /** A contact in a supervisor's list: who, when, what, without its narrative. */
    public record ContactSummary(String id, String enrolleeId, String coachId, ContactType type, Instant start,
            LocalDate dateOfService, String status, boolean flaggedForReview) {
    }

    /** Billable units a coach's signed contacts consumed between two dates of service. */
    public record CoachUnits(@Id String coachId, int units, int contacts) {
    }

    /**
     * The last contacts with each of {@code enrolleeIds}, read off their activity summaries ({@link EnrolleeActivity},
     * issue 16) in one query, never from their contacts; enrollees never reached are absent.
     */
    public Map<String, LastContacts> lastContacts(Collection<String> enrolleeIds) {
        Map<String, LastContacts> result = new HashMap<>();
        summaries.of(enrolleeIds).forEach((id, summary) -> {
            if (summary.lastContactOn() != null || summary.lastFaceToFaceOn() != null) {
                result.put(id, new LastContacts(id, summary.lastContactOn(), summary.lastFaceToFaceOn()));
            }
        });
        return result;
    }

    /** Drafts of the organization that started before {@code startedBefore} and are still unsigned, oldest first. */
    public List<ContactSummary> unsignedDrafts(String organizationId, Instant startedBefore, int limit) {
        return summaries(Query.query(Criteria.where("organizationId").is(organizationId).and("status")
                .is(Status.DRAFT).and("start").lt(startedBefore)).with(Sort.by("start", "_id")).limit(limit));
    }

    /**
     * Drafts of the organization whose author is no longer the client's coach (the client was reassigned before
     * the draft was signed), oldest first, in two queries. Their authors may still sign them (issue 10, item 4);
     * the supervisor sees them so none stays stranded.
     */
    public List<ContactSummary> strandedDrafts(String organizationId, int limit) {
        List<Contact> drafts = mongo.find(Query.query(Criteria.where("organizationId").is(organizationId)
                .and("status").is(Status.DRAFT)).with(Sort.by("start", "_id")), Contact.class);
        if (drafts.isEmpty()) {
            return List.of();
        }
        Query enrollees = Query.query(Criteria.where("_id").in(drafts.stream().map(Contact::enrolleeId)
                .distinct().toList()));
        enrollees.fields().include("_id", "coachId");
        Map<String, String> coachOf = new HashMap<>();
        mongo.find(enrollees, org.bson.Document.class, mongo.getCollectionName(Enrollee.class))
                .forEach(d -> coachOf.put(d.getString("_id"), d.getString("coachId")));
        return drafts.stream().filter(c -> !c.coachId().equals(coachOf.get(c.enrolleeId()))).limit(limit)
                .map(ContactActivity::summary).toList();
    }

    /** Contacts of the organization flagged for review (missing consent for a collateral contact), oldest first. */
    public List<ContactSummary> flaggedForReview(String organizationId, int limit) {
        return summaries(Query.query(Criteria.where("organizationId").is(organizationId).and("flaggedForReview")
                .is(true).and("status").ne(Status.VOIDED)).with(Sort.by("start", "_id")).limit(limit));
    }

    /** Billable units of the organization's signed contacts dated from..to (inclusive), per coach. */
    public List<CoachUnits> unitsByCoach(String organizationId, LocalDate from, LocalDate to) {
        // Summed by the database (issue 16): one command whatever the month's number of contacts, where reading
        // them took a batch per few thousand.
        Aggregation aggregation = Aggregation.newAggregation(
                Aggregation.match(Criteria.where("organizationId").is(organizationId).and("dateOfService").gte(from)
                        .lte(to).andOperator(ContactReview.billableNow())),
                Aggregation.group("coachId").sum("billing.units").as("units").count().as("contacts"));
        return mongo.aggregate(aggregation, Contact.class, CoachUnits.class).getMappedResults();
    }

    private List<ContactSummary> summaries(Query query) {
        return mongo.find(query, Contact.class).stream().map(ContactActivity::summary).toList();
    }

    private static ContactSummary summary(Contact c) {
        return new ContactSummary(c.id(), c.enrolleeId(), c.coachId(), c.type(), c.start(), c.dateOfService(),
                c.status().name(), c.flaggedForReview());
    }

}
