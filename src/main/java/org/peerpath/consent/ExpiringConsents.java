package org.peerpath.consent;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Service;

import org.peerpath.database.IdPages;
import org.peerpath.database.Keyset;
import org.peerpath.graphql.Dates;

/**
 * Consents of an organization that are active today and expire soon, for the reminders feature, answering ids
 * only (never the enrollee's or the recipient's name).
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

    /**
     * Consents ACTIVE on {@code today} whose expiration date is from {@code today} to {@code through}, soonest
     * first, read in pages of their dates and ids only ({@link Keyset#forEach}): a state-wide organization's
     * consents never come back in one reply (issue 19).
     */
    public List<Expiring> activeExpiringBy(String organizationId, LocalDate today, LocalDate through) {
        List<Expiring> expiring = new ArrayList<>();
        SOONEST_FIRST.forEach(mongo, Criteria.where("organizationId").is(organizationId).and("expiresOn").gte(today)
                .lte(through), Consent.class, IdPages.SIZE, FIELDS, Consent::expiresOn, Consent::id, page -> page.stream()
                .filter(consent -> consent.statusOn(today) == ConsentStatus.ACTIVE)
                .forEach(consent -> expiring.add(new Expiring(consent.id(), consent.enrolleeId(), consent.expiresOn()))));
        return expiring;
    }

    private static final Keyset<LocalDate> SOONEST_FIRST = Keyset.ascending("expiresOn", Dates::date);

    /** What decides the status, and whose it is (the primitive too, so the record can be built). */
    private static final List<String> FIELDS = List.of("enrolleeId", "effectiveOn", "expiresOn",
            "expirationEventOccurredOn", "revocation", "includesSubstanceUseInformation");
}
