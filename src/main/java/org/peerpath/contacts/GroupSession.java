package org.peerpath.contacts;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import org.peerpath.billing.BillingCase.Activity;
import org.peerpath.billing.BillingCase.GroupFormat;
import org.peerpath.billing.BillingCase.PlaceOfService;
import org.peerpath.billing.BillingCase.SupportType;
import org.peerpath.contacts.Contact.HistoryEntry;

/**
 * One group session a coach facilitated (issue 12, item 3): one time, place, format and narrative, logged once for
 * many attendees. Each attendee has a contact of their own ({@code contactId}, setting GROUP, naming this session),
 * with their own goals, note line, consent and billing evaluation, so one client's missing authorization never
 * blocks the others; the session is the list of who attended and what they shared. Attendees are added or removed
 * while it is a draft; signing it signs every attendee's contact. Michigan guidance XII (seeds/003) codes group
 * services T1012 with a modifier per format (HQ, TT, TG HG, HG); Indiana's guide (seeds/002) excludes groups.
 *
 * @param status DRAFT while attendees change; SIGNING from the moment signing starts (membership is fixed) until
 *     every attendee's contact is signed; SIGNED after
 * @param lateEntryReason the reason given for a late entry at logging, kept for the attendees added later
 */
@Document("groupSessions")
record GroupSession(@Id String id, String organizationId, String coachId, GroupFormat format, Instant start,
        Instant end, LocalDate dateOfService, PlaceOfService placeOfService, Boolean privateAreaUsed,
        Set<Activity> activities, Set<SupportType> supportTypes, String narrative, String lateEntryReason,
        List<Attendee> attendees, Status status, Instant signedAt, List<HistoryEntry> history, long version,
        Instant createdAt, String creationDigest) {

    GroupSession {
        activities = activities == null ? Set.of() : Set.copyOf(activities);
        supportTypes = supportTypes == null ? Set.of() : Set.copyOf(supportTypes);
        attendees = attendees == null ? List.of() : List.copyOf(attendees);
        history = history == null ? List.of() : List.copyOf(history);
    }

    enum Status {
        DRAFT,
        SIGNING,
        SIGNED
    }

    /**
     * One client who attended, with their own contact's id (client-generated), the goals the session served for
     * them and their own line of the note.
     */
    record Attendee(String contactId, String enrolleeId, List<String> goalIds, String note) {

        Attendee {
            goalIds = goalIds == null ? List.of() : List.copyOf(goalIds);
        }
    }

    Optional<Attendee> attendee(String enrolleeId) {
        return attendees.stream().filter(a -> a.enrolleeId().equals(enrolleeId)).findFirst();
    }

    List<String> enrolleeIds() {
        return attendees.stream().map(Attendee::enrolleeId).toList();
    }

    List<String> contactIds() {
        return attendees.stream().map(Attendee::contactId).toList();
    }
}
