package org.peerpath.contacts;

import java.time.LocalDate;
import java.util.List;

import org.peerpath.billing.BillingCase.ContactType;

/** What an enrollee sees of a contact with them: never billing, never the narrative. */
record EnrolleeContact(String id, LocalDate dateOfService, ContactType type, List<String> goalIds) {

    static EnrolleeContact of(Contact contact) {
        return new EnrolleeContact(contact.id(), contact.dateOfService(), contact.type(), contact.goalIds());
    }
}
