package org.peerpath.contacts;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An organization's {@link ReviewPolicy} (id: the organization's id) and every change of it, who and when (the
 * setting's audit). No record: the default policy, version 0.
 */
@Document("reviewPolicies")
record ReviewPolicySetting(@Id String id, ReviewPolicy policy, long version, List<Change> changes) {

    ReviewPolicySetting {
        changes = changes == null ? List.of() : List.copyOf(changes);
    }

    /** One change of the policy. */
    record Change(Instant at, String by, ReviewPolicy from, ReviewPolicy to) {
    }
}
