package org.peerpath.contacts;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.peerpath.billing.BillingCase.Activity;
import org.peerpath.billing.BillingCase.GroupFormat;
import org.peerpath.billing.BillingCase.PlaceOfService;
import org.peerpath.billing.BillingCase.SupportType;
import org.peerpath.contacts.Contact.HistoryEntry;

/** A group session as graphql/groups.graphqls shows it: the session and, per attendee, their contact's verdict. */
record GroupSessionView(String id, String facilitatorId, GroupFormat format, Instant start, Instant end,
        LocalDate dateOfService, PlaceOfService placeOfService, Boolean privateAreaUsed, Set<Activity> activities,
        Set<SupportType> supportTypes, String narrative, GroupSession.Status status, Instant signedAt,
        List<AttendeeView> attendees, int billableCount, List<HistoryEntry> history, long version) {

    /**
     * One attendee and their own contact. {@code billable}: signed and billable by the rules (the contact's
     * {@code billableNow} also waits for a supervisor's review); {@code notBillableBecause}: the blocking findings
     * of its evaluation (a voided contact bills nothing whatever they say: its status tells).
     */
    record AttendeeView(String enrolleeId, String contactId, List<String> goalIds, String note, Contact contact,
            boolean billable, List<BillingOutcome.Finding> notBillableBecause) {
    }

    static GroupSessionView of(GroupSession session, Map<String, Contact> contacts) {
        List<AttendeeView> attendees = session.attendees().stream().map(a -> {
            Contact contact = contacts.get(a.contactId());
            boolean billable = contact != null && contact.status() == Contact.Status.SIGNED
                    && contact.billing() != null && contact.billing().billable();
            return new AttendeeView(a.enrolleeId(), a.contactId(), a.goalIds(), a.note(), contact, billable,
                    reasons(contact));
        }).toList();
        return new GroupSessionView(session.id(), session.coachId(), session.format(), session.start(),
                session.end(), session.dateOfService(), session.placeOfService(), session.privateAreaUsed(),
                session.activities(), session.supportTypes(), session.narrative(), session.status(),
                session.signedAt(), attendees, (int) attendees.stream().filter(AttendeeView::billable).count(),
                session.history(), session.version());
    }

    private static List<BillingOutcome.Finding> reasons(Contact contact) {
        if (contact == null || contact.billing() == null) {
            return List.of();
        }
        return contact.billing().findings().stream()
                .filter(f -> f.severity().equals("BLOCKING")).toList();
    }
}
