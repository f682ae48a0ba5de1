package org.peerpath.contacts;

import java.time.YearMonth;
import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;

import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Service;

import org.peerpath.billing.StandAloneCompliance;

/**
 * Which enrollees of an organization had a face-to-face contact in a month, for features that remind about or
 * report on the monthly face-to-face of Michigan XI.E (seeds/003). One aggregation per page of enrollees, never
 * one query per enrollee. What counts is {@link StandAloneCompliance#countsAsFaceToFace}: signed contacts
 * with the client present in person, of any type; drafts and voided contacts never count.
 */
@Service
public class FaceToFaceCalendar {

    private final MongoTemplate mongo;

    FaceToFaceCalendar(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * Those of {@code enrolleeIds} (a page of the organization's enrollees) with a signed contact with them present
     * in person dated (org zone) in {@code month}.
     */
    public Set<String> enrolleesSeenFaceToFace(String organizationId, Collection<String> enrolleeIds,
            YearMonth month) {
        if (enrolleeIds.isEmpty()) {
            return Set.of();
        }
        Criteria criteria = Criteria.where("enrolleeId").in(enrolleeIds).and("organizationId").is(organizationId)
                .and("clientPresent").is(true)
                .and("status").is(Contact.Status.SIGNED)
                .and("dateOfService").gte(month.atDay(1)).lte(month.atEndOfMonth());
        return mongo.aggregate(Aggregation.newAggregation(Contact.class, Aggregation.match(criteria),
                Aggregation.group("enrolleeId")), Document.class).getMappedResults().stream()
                .map(group -> group.getString("_id")).collect(Collectors.toSet());
    }
}
