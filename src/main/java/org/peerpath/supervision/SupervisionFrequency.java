package org.peerpath.supervision;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import org.peerpath.people.StaffRole;

/**
 * How often an organization expects each role to be supervised (id: the organization's id). A role without an
 * expectation is never overdue. No record: the default, version 0: coaches weekly (Michigan VIII, seeds/003:
 * "Weekly (or more) supervision"), associates weekly too (Michigan VIII leaves theirs to the scope of the role;
 * the agency may change it), as CMS FAQ A4 (seeds/004) leaves level and frequency to the state and agency.
 */
@Document("supervisionFrequencies")
record SupervisionFrequency(@Id String id, List<Expectation> expectations, long version, Instant changedAt,
        String changedBy) {

    static final int MAX_EVERY_DAYS = 90;

    SupervisionFrequency {
        expectations = expectations == null ? List.of() : List.copyOf(expectations);
    }

    static SupervisionFrequency defaults(String organizationId) {
        return new SupervisionFrequency(organizationId, List.of(new Expectation(StaffRole.RECOVERY_COACH, 7),
                new Expectation(StaffRole.RECOVERY_ASSOCIATE, 7)), 0, null, null);
    }

    /** Days allowed between two sessions of a staff member of {@code role}; empty when none is expected. */
    Optional<Integer> everyDays(StaffRole role) {
        return expectations.stream().filter(e -> e.role() == role).map(Expectation::everyDays).findFirst();
    }

    /** At least one session every {@code everyDays} days for staff of {@code role}. */
    record Expectation(StaffRole role, int everyDays) {
    }
}
