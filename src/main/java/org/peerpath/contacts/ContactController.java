package org.peerpath.contacts;

import java.util.List;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;

import org.peerpath.contacts.ContactInputs.AmendContactInput;
import org.peerpath.contacts.ContactInputs.ContactFilter;
import org.peerpath.contacts.ContactInputs.LogContactInput;
import org.peerpath.contacts.ContactInputs.SignContactInput;
import org.peerpath.contacts.ContactInputs.UpdateContactDraftInput;
import org.peerpath.contacts.ContactInputs.VoidContactInput;
import org.peerpath.graphql.Connection;
import org.peerpath.graphql.PageRequest;
import org.peerpath.security.Viewer;

/** The contact operations of graphql/contacts.graphqls; the rules are in {@link ContactLog}. */
@Controller
class ContactController {

    private final ContactLog log;

    ContactController(ContactLog log) {
        this.log = log;
    }

    record ContactPayload(Contact contact) {
    }

    @QueryMapping
    Connection<Contact> contacts(@AuthenticationPrincipal Viewer viewer, @Argument String enrolleeId,
            @Argument ContactFilter filter, @Argument Integer first, @Argument String after) {
        return log.contactsOf(viewer, enrolleeId, filter, PageRequest.of(first, after, 20));
    }

    @QueryMapping
    Connection<Contact> myContacts(@AuthenticationPrincipal Viewer viewer, @Argument ContactFilter filter,
            @Argument Integer first, @Argument String after) {
        return log.myContacts(viewer, filter, PageRequest.of(first, after, 20));
    }

    @QueryMapping
    List<Contact> draftsAwaitingSignature(@AuthenticationPrincipal Viewer viewer) {
        return log.draftsAwaitingSignature(viewer);
    }

    @QueryMapping
    Contact contact(@AuthenticationPrincipal Viewer viewer, @Argument String id) {
        return log.contact(viewer, id);
    }

    @QueryMapping
    BillingOutcome previewContactBilling(@AuthenticationPrincipal Viewer viewer, @Argument LogContactInput input) {
        return log.preview(viewer, input);
    }

    @QueryMapping
    UnitUsage unitUsage(@AuthenticationPrincipal Viewer viewer, @Argument String enrolleeId) {
        return log.unitUsage(viewer, enrolleeId);
    }

    @QueryMapping
    MonthUnits myUnitsThisMonth(@AuthenticationPrincipal Viewer viewer) {
        return log.myUnitsThisMonth(viewer);
    }

    @QueryMapping
    Connection<EnrolleeContact> myContactHistory(@AuthenticationPrincipal Viewer viewer, @Argument Integer first,
            @Argument String after) {
        return log.myContactHistory(viewer, PageRequest.of(first, after, 20));
    }

    @MutationMapping
    ContactPayload logContact(@AuthenticationPrincipal Viewer viewer, @Argument LogContactInput input) {
        return new ContactPayload(log.log(viewer, input));
    }

    @MutationMapping
    ContactPayload updateContactDraft(@AuthenticationPrincipal Viewer viewer,
            @Argument UpdateContactDraftInput input) {
        return new ContactPayload(log.updateDraft(viewer, input));
    }

    @MutationMapping
    ContactPayload signContact(@AuthenticationPrincipal Viewer viewer, @Argument SignContactInput input) {
        return new ContactPayload(log.sign(viewer, input));
    }

    @MutationMapping
    ContactPayload amendContact(@AuthenticationPrincipal Viewer viewer, @Argument AmendContactInput input) {
        return new ContactPayload(log.amend(viewer, input));
    }

    @MutationMapping
    ContactPayload voidContact(@AuthenticationPrincipal Viewer viewer, @Argument VoidContactInput input) {
        return new ContactPayload(log.voidContact(viewer, input));
    }
}
