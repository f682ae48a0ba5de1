package org.peerpath.people;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Service;

import org.peerpath.database.IdPages;

/**
 * Certifications of an organization's active staff that end soon (billing needs a peer certification active on
 * the date of service), for the reminders feature and the supervisor's dashboard. Only staff holding such a
 * certification are read, their certifications only, in id pages ({@link IdPages}): no reply grows with the
 * organization (issue 19), and one command per {@value IdPages#SIZE} of them.
 */
@Service
public class ExpiringCertifications {

    private final MongoTemplate mongo;

    ExpiringCertifications(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** One certification of one staff member, and its last valid day. */
    public record Expiring(String staffId, String certificationId, LocalDate validTo) {
    }

    /**
     * One certification of one staff member.
     *
     * @param position its place in the staff member's list (an old certification may have no id)
     */
    public record Held(String staffId, int position, Certification certification) {
    }

    /** Peer certifications valid on {@code today} whose {@code validTo} is from {@code today} to {@code through}. */
    public List<Expiring> expiringBy(String organizationId, LocalDate today, LocalDate through) {
        Criteria peers = Criteria.where("organizationId").is(organizationId).and("active").is(true)
                .and("role").in(StaffRole.RECOVERY_COACH.name(), StaffRole.RECOVERY_ASSOCIATE.name());
        List<Expiring> expiring = new ArrayList<>();
        ending(peers, today, through, held -> {
            if (held.certification().activeOn(today)) {
                expiring.add(new Expiring(held.staffId(), held.certification().id(), held.certification().validTo()));
            }
        });
        return expiring;
    }

    /** Every certification of the organization's active staff whose last day is from {@code from} to {@code to}. */
    public List<Held> endingBetween(String organizationId, LocalDate from, LocalDate to) {
        List<Held> held = new ArrayList<>();
        ending(Criteria.where("organizationId").is(organizationId).and("active").is(true), from, to, held::add);
        return held;
    }

    private void ending(Criteria staff, LocalDate from, LocalDate to, Consumer<Held> found) {
        IdPages.forEach(mongo, staff.and("certifications").elemMatch(Criteria.where("validTo").gte(from).lte(to)),
                StaffMember.class, StaffMember::id, IdPages.SIZE, List.of("certifications", "active", "version"),
                page -> page.forEach(member -> {
                    for (int i = 0; i < member.certifications().size(); i++) {
                        Certification certification = member.certifications().get(i);
                        if (certification.validTo() != null && !certification.validTo().isBefore(from)
                                && !certification.validTo().isAfter(to)) {
                            found.accept(new Held(member.id(), i, certification));
                        }
                    }
                }));
    }
}
