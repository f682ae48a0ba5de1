package org.peerpath.people;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * Links an identity-provider subject (a Firebase uid, or a demo login) to one person. Keyed by the subject, so
 * the unique {@code _id} guarantees one subject never signs in as two people.
 */
@Document("identities")
record Identity(@Id String subject, String personId, Kind kind, String organizationId) {

    enum Kind {
        STAFF,
        ENROLLEE
    }
}
