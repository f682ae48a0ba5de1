package org.peerpath.consent;

import java.time.LocalDate;
import java.util.List;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * Consents of an organization that are active today and expire soon, for the reminders feature: one query for the
 * whole organization, answering ids only (never the enrollee's or the recipient's name).
 */
@Service
public class ExpiringConsents {

    private final MongoTemplate mongo;

    ExpiringConsents(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** A consent, whose it is and its last day (42 CFR §2.31(a)(7): "expires on" is the last day it holds). */
    public record Expiring(String consentId, String enrolleeId, LocalDate expiresOn) {
    }

    /** Consents ACTIVE on {@code today} whose expiration date is from {@code today} to {@code through}. */
    public List<Expiring> activeExpiringBy(String organizationId, LocalDate today, LocalDate through) {
        Query query = Query.query(Criteria.where("organizationId").is(organizationId).and("expiresOn").gte(today)
                .lte(through));
        return mongo.find(query, Consent.class).stream()
                .filter(consent -> consent.statusOn(today) == ConsentStatus.ACTIVE)
                .map(consent -> new Expiring(consent.id(), consent.enrolleeId(), consent.expiresOn())).toList();
    }
}
