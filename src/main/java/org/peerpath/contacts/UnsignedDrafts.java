package org.peerpath.contacts;

import java.time.Instant;
import java.util.List;

import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import org.peerpath.contacts.Contact.Status;

/**
 * The contact drafts of an organization still unsigned after a while, for the reminders feature: one query for
 * the whole organization, ids and coaches only (no narrative, no enrollee). Callers decide who hears of them.
 */
@Service
public class UnsignedDrafts {

    private final MongoTemplate mongo;

    UnsignedDrafts(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** A draft and the coach who logged it. */
    public record Draft(String contactId, String coachId) {
    }

    /** Drafts of the organization created or started before {@code before}, with a coach; one query. */
    public List<Draft> createdOrStartedBefore(String organizationId, Instant before) {
        Query query = Query.query(new Criteria().andOperator(
                Criteria.where("organizationId").is(organizationId).and("status").is(Status.DRAFT.name())
                        .and("coachId").ne(null),
                new Criteria().orOperator(Criteria.where("start").lt(before), Criteria.where("createdAt").lt(before))));
        query.fields().include("_id", "coachId");
        return mongo.find(query, Document.class, mongo.getCollectionName(Contact.class)).stream()
                .map(d -> new Draft(d.getString("_id"), d.getString("coachId"))).toList();
    }
}
