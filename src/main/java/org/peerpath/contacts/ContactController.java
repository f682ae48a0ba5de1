package org.peerpath.contacts;

import java.security.Principal;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;

import org.peerpath.contacts.Contact.Addendum;
import org.peerpath.contacts.Contact.HistoryEntry;
import org.peerpath.contacts.ContactInputs.AmendContactInput;
import org.peerpath.contacts.ContactInputs.ContactFilter;
import org.peerpath.contacts.ContactInputs.LogContactInput;
import org.peerpath.contacts.ContactInputs.SignContactInput;
import org.peerpath.contacts.ContactInputs.UpdateContactDraftInput;
import org.peerpath.contacts.ContactInputs.VoidContactInput;
import org.peerpath.graphql.Connection;
import org.peerpath.graphql.PageRequest;
import org.peerpath.people.PeopleDirectory;
import org.peerpath.people.StaffMemberSummary;
import org.peerpath.security.Viewer;

/**
 * The contact operations of graphql/contacts.graphqls; the rules are in {@link ContactLog}. The staff members a
 * contact names (coach, signer, authors of addenda, actors of its history) load in batches: two queries per
 * field for a whole page of contacts, whatever its size.
 */
@Controller
class ContactController {

    private final ContactLog log;
    private final PeopleDirectory people;

    ContactController(ContactLog log, PeopleDirectory people) {
        this.log = log;
        this.people = people;
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

    // ---- the staff members a contact names, in batches ----
    // Whoever may see a contact may see the summaries of the staff it names: they hang from the contact, which was
    // opened (and audited) by the parent field, and carry no more than a name, a role and current credentials.

    @BatchMapping(typeName = "Contact", field = "coach")
    Map<Contact, StaffMemberSummary> coach(List<Contact> contacts, Principal principal) {
        return staffOf(contacts, Contact::coachId, principal);
    }

    @BatchMapping(typeName = "Contact", field = "signer")
    Map<Contact, StaffMemberSummary> signer(List<Contact> contacts, Principal principal) {
        return staffOf(contacts, Contact::signedBy, principal);
    }

    @BatchMapping(typeName = "Addendum", field = "author")
    Map<Addendum, StaffMemberSummary> author(List<Addendum> addenda, Principal principal) {
        return staffOf(addenda, Addendum::by, principal);
    }

    @BatchMapping(typeName = "ContactHistoryEntry", field = "actor")
    Map<HistoryEntry, StaffMemberSummary> actor(List<HistoryEntry> entries, Principal principal) {
        return staffOf(entries, HistoryEntry::by, principal);
    }

    private <T> Map<T, StaffMemberSummary> staffOf(Collection<T> sources, Function<T, String> staffId,
            Principal principal) {
        Map<String, StaffMemberSummary> byId = people.staffSummaries(viewerOf(principal),
                sources.stream().map(staffId).toList());
        Map<T, StaffMemberSummary> result = new HashMap<>();
        for (T source : sources) {
            String id = staffId.apply(source);
            StaffMemberSummary summary = id == null ? null : byId.get(id);
            if (summary != null) {
                result.put(source, summary);
            }
        }
        return result;
    }

    private static Viewer viewerOf(Principal principal) {
        if (principal instanceof Authentication authentication
                && authentication.getPrincipal() instanceof Viewer viewer) {
            return viewer;
        }
        throw new IllegalStateException("No signed-in viewer for a contact's staff member.");
    }
}
