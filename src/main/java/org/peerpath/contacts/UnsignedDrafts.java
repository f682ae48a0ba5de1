package org.peerpath.contacts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Service;

import org.peerpath.contacts.Contact.Status;
import org.peerpath.database.IdPages;

/**
 * The contact drafts of an organization still unsigned after a while, for the reminders feature: ids and
 * coaches only (no narrative, no enrollee). Callers decide who hears of them.
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

    /**
     * Drafts of the organization created or started before {@code before}, with a coach, walked in id pages of
     * their ids and coaches ({@link IdPages}): drafts nobody signs pile up, and never come back in one reply
     * (issue 19).
     */
    public List<Draft> createdOrStartedBefore(String organizationId, Instant before) {
        Criteria scope = new Criteria().andOperator(
                Criteria.where("organizationId").is(organizationId).and("status").is(Status.DRAFT.name())
                        .and("coachId").ne(null),
                new Criteria().orOperator(Criteria.where("start").lt(before), Criteria.where("createdAt").lt(before)));
        List<Draft> drafts = new ArrayList<>();
        IdPages.forEach(mongo, scope, mongo.getCollectionName(Contact.class), IdPages.SIZE, List.of("coachId"),
                page -> page.forEach(d -> drafts.add(new Draft(d.getString("_id"), d.getString("coachId")))));
        return drafts;
    }
}
