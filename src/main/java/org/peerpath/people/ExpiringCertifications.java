package org.peerpath.people;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * Peer certifications of an organization's active coaches and associates that expire soon (billing needs one
 * active on the date of service), for the reminders feature; one query for the whole organization.
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

    /** Certifications valid on {@code today} whose {@code validTo} is from {@code today} to {@code through}. */
    public List<Expiring> expiringBy(String organizationId, LocalDate today, LocalDate through) {
        Query query = Query.query(Criteria.where("organizationId").is(organizationId).and("active").is(true)
                .and("role").in(StaffRole.RECOVERY_COACH.name(), StaffRole.RECOVERY_ASSOCIATE.name())
                .and("certifications").elemMatch(Criteria.where("validTo").gte(today).lte(through)));
        List<Expiring> expiring = new ArrayList<>();
        for (StaffMember staff : mongo.find(query, StaffMember.class)) {
            for (Certification certification : staff.certifications()) {
                if (certification.validTo() != null && certification.activeOn(today)
                        && !certification.validTo().isAfter(through)) {
                    expiring.add(new Expiring(staff.id(), certification.id(), certification.validTo()));
                }
            }
        }
        return expiring;
    }
}
