package org.peerpath.contacts;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Component;

import org.peerpath.billing.RulePacks;
import org.peerpath.contacts.Contact.Status;
import org.peerpath.database.IdPages;
import org.peerpath.database.Keyset;
import org.peerpath.graphql.Dates;
import org.peerpath.people.BilledServices;
import org.peerpath.people.BillingSettings;
import org.peerpath.people.Organization;

/**
 * The organization's signed contacts and the settings each was billed under, for a change of billing settings to
 * check that it rewrites none of them (issue 10, item 3: signed contacts keep the evaluation they were signed
 * with). An evaluation stored before evaluations named their settings was made under the pack the organization
 * was created with and that pack's own rounding: nothing else could be chosen then.
 */
@Component
class SignedEvaluations implements BilledServices, SmartInitializingSingleton {

    private final MongoTemplate mongo;

    SignedEvaluations(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void afterSingletonsInstantiated() {
        mongo.indexOps(Contact.class).createIndex(new Index().on("organizationId", Sort.Direction.ASC)
                .on("status", Sort.Direction.ASC).on("dateOfService", Sort.Direction.ASC)
                .named("organization_status_date"));
    }

    /** Oldest date of service first: a rewritten day is reported from the first. */
    private static final Keyset<LocalDate> BY_DATE_OF_SERVICE = Keyset.ascending("dateOfService", Dates::date);

    /** What the check reads of a contact (primitives too, so the record can be built). */
    private static final List<String> FIELDS = List.of("dateOfService", "billing", "clientPresent",
            "narrativePrivate", "flaggedForReview", "version");

    /**
     * Walks the organization's signed contacts from {@code from} in pages ({@link Keyset#forEach}), never in one
     * reply: an organization's signed history grows without bound (issue 19). Only the contacts billed otherwise
     * are kept.
     */
    @Override
    public List<Billed> billedOtherwise(Organization organization, LocalDate from,
            Function<LocalDate, BillingSettings> settingsOn) {
        List<Billed> rewritten = new ArrayList<>();
        BY_DATE_OF_SERVICE.forEach(mongo, Criteria.where("organizationId").is(organization.id())
                .and("status").is(Status.SIGNED).and("dateOfService").gte(from), Contact.class, IdPages.SIZE, FIELDS,
                Contact::dateOfService, Contact::id, page -> {
                    for (Contact contact : page) {
                        BillingBasis billedUnder = billedUnder(contact, organization);
                        if (!billedUnder.equals(BillingBasis.of(settingsOn.apply(contact.dateOfService())))) {
                            rewritten.add(new Billed(contact.id(), contact.dateOfService(), billedUnder.rulePack(),
                                    billedUnder.unitRounding().name()));
                        }
                    }
                });
        return rewritten;
    }

    private static BillingBasis billedUnder(Contact contact, Organization organization) {
        BillingBasis basis = contact.billing() == null ? null : contact.billing().basis();
        if (basis != null) {
            return basis;
        }
        String pack = organization.rulePack().name();
        return new BillingBasis(pack, RulePacks.forId(pack).unitRounding());
    }
}
