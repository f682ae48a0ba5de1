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
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import org.peerpath.billing.RulePacks;
import org.peerpath.contacts.Contact.Status;
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

    @Override
    public List<Billed> billedOtherwise(Organization organization, LocalDate from,
            Function<LocalDate, BillingSettings> settingsOn) {
        List<Contact> signed = mongo.find(Query.query(Criteria.where("organizationId").is(organization.id())
                .and("status").is(Status.SIGNED).and("dateOfService").gte(from))
                .with(Sort.by("dateOfService", "_id")), Contact.class);
        List<Billed> rewritten = new ArrayList<>();
        for (Contact contact : signed) {
            BillingBasis billedUnder = billedUnder(contact, organization);
            if (!billedUnder.equals(BillingBasis.of(settingsOn.apply(contact.dateOfService())))) {
                rewritten.add(new Billed(contact.id(), contact.dateOfService(), billedUnder.rulePack(),
                        billedUnder.unitRounding().name()));
            }
        }
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
