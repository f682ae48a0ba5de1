package org.peerpath.contacts;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import org.peerpath.audit.AuditTrail;
import org.peerpath.billing.BillingCase.Activity;
import org.peerpath.billing.BillingCase.ContactType;
import org.peerpath.billing.BillingCase.GroupFormat;
import org.peerpath.billing.BillingCase.PlaceOfService;
import org.peerpath.billing.BillingCase.Setting;
import org.peerpath.billing.BillingCase.SupportType;
import org.peerpath.contacts.Contact.HistoryEntry;
import org.peerpath.contacts.Contact.Status;
import org.peerpath.contacts.GroupSession.Attendee;
import org.peerpath.database.CreateOnce;
import org.peerpath.graphql.DomainException;
import org.peerpath.graphql.ErrorCode;
import org.peerpath.graphql.Ids;
import org.peerpath.graphql.InputProblems;
import org.peerpath.people.Enrollee;
import org.peerpath.people.EnrolleeAccess;
import org.peerpath.people.Organization;
import org.peerpath.people.PeopleDirectory;
import org.peerpath.security.Viewer;

/**
 * Group sessions (issue 12, item 3; {@link GroupSession}): one log, many attendees, each with a contact of their
 * own that goes through the contact log's own paths ({@link ContactLog}): drafted and evaluated like a logged
 * contact, signed like {@code signContact} (units reserved on each attendee's own ledger, one conditional update
 * per document, no transactions), voided like {@code voidContact}. Everything a request could refuse is checked
 * before its first write. The session is written first and names every attendee's contact id, so a request cut
 * short is finished by its retry (the contacts are made from the session), and signing marks the session SIGNING
 * before signing any attendee, so its attendees are fixed while their contacts are signed one by one.
 */
@Service
class GroupSessions {

    static final int MAX_NOTE = 2_000;
    static final int MAX_REASON = 500;

    private final MongoTemplate mongo;
    private final ContactLog log;
    private final EnrolleeAccess access;
    private final PeopleDirectory directory;
    private final AuditTrail trail;
    private final Clock clock;

    GroupSessions(MongoTemplate mongo, ContactLog log, EnrolleeAccess access, PeopleDirectory directory,
            AuditTrail trail, Clock clock) {
        this.mongo = mongo;
        this.log = log;
        this.access = access;
        this.directory = directory;
        this.trail = trail;
        this.clock = clock;
    }

    record GroupAttendeeInput(String contactId, String enrolleeId, List<String> goalIds, String note) {
    }

    record LogGroupSessionInput(String id, ContactType type, GroupFormat format, Instant start, Instant end,
            PlaceOfService placeOfService, Boolean privateAreaUsed, List<Activity> activities,
            List<SupportType> supportTypes, String narrative, List<GroupAttendeeInput> attendees,
            String lateEntryReason) {
    }

    record SignGroupSessionInput(String id, long expectedVersion, String lateEntryReason) {
    }

    record AddGroupAttendeeInput(String groupSessionId, long expectedVersion, GroupAttendeeInput attendee) {
    }

    record RemoveGroupAttendeeInput(String groupSessionId, long expectedVersion, String enrolleeId, String reason) {
    }

    record VoidGroupAttendeeInput(String groupSessionId, String enrolleeId, String reason) {
    }

    // ---- writes ----

    GroupSessionView log(Viewer viewer, LogGroupSessionInput input) {
        requireCoach(viewer);
        new InputProblems().id(input.id(), "id").throwIfAny();
        String digest = CreateOnce.digest(viewer.personId(), input);
        GroupSession existing = mongo.findById(input.id(), GroupSession.class);
        if (existing != null && existing.coachId().equals(viewer.personId())
                && existing.creationDigest().equals(digest)) {
            return view(viewer, existing, "logGroupSession"); // a retry
        }
        Organization organization = directory.organizationOf(viewer);
        Instant now = clock.instant();
        List<GroupAttendeeInput> attendees = input.attendees() == null ? List.of() : input.attendees();
        InputProblems problems = new InputProblems()
                .check(input.narrative() != null && input.narrative().length() > ContactLog.MAX_NARRATIVE,
                        "The narrative must be at most " + ContactLog.MAX_NARRATIVE + " characters.")
                .check(input.format() == null, "A group session needs its format ('format').")
                .check(attendees.isEmpty(), "A group session needs at least one attendee.");
        // A group is clients served together in one place: Michigan guidance XII (seeds/003) codes group services
        // T1012 "when the client is present"; a phone call or a contact without the clients is no group.
        problems.check(input.type() != null && input.type() != ContactType.FACE_TO_FACE,
                "A group session takes place in person (FACE_TO_FACE); a " + input.type() + " contact cannot be a"
                        + " group.");
        problems.check(attendees.size() > organization.maxGroupSize(), "A group session in your organization has at"
                + " most " + organization.maxGroupSize() + " attendees (maxGroupSize); this one has "
                + attendees.size() + ".");
        duplicates(attendees, GroupAttendeeInput::enrolleeId).forEach(id ->
                problems.add("Enrollee " + id + " is listed more than once."));
        duplicates(attendees, GroupAttendeeInput::contactId).forEach(id ->
                problems.add("The contact id " + id + " is given to more than one attendee."));
        problems.check(attendees.stream().anyMatch(a -> input.id().equals(a.contactId())),
                "An attendee's contact id must differ from the session's id.");
        GroupSession session = new GroupSession(input.id(), viewer.organizationId(), viewer.personId(), input.format(),
                input.start(), input.end(), input.start() == null ? null
                        : input.start().atZone(organization.zone()).toLocalDate(),
                input.placeOfService(), input.privateAreaUsed(), listed(input.activities()),
                listed(input.supportTypes()), input.narrative(), blankToNull(input.lateEntryReason()),
                attendees.stream().map(GroupSessions::attendee).toList(), GroupSession.Status.DRAFT, null,
                List.of(new HistoryEntry(now, viewer.personId(), "LOGGED", attendees.size() + " attendee(s)")), 0,
                now, digest);
        List<Drafted> drafts = draftAll(viewer, session, session.attendees(), organization, "logGroupSession",
                problems);
        problems.throwIfAny();
        // Ids already taken by anything but this request: refused before the first write.
        CreateOnce.requireRetryOf(existing, session, session.id(), GroupSession::creationDigest);
        requireFreeContactIds(session.contactIds());
        GroupSession stored = CreateOnce.insert(mongo, session, session.id(), GroupSession.class,
                GroupSession::creationDigest);
        for (Drafted d : drafts) {
            log.insertAttendeeDraft(viewer, d.draft(), d.enrollee(), organization);
        }
        return view(viewer, stored, "logGroupSession");
    }

    GroupSessionView sign(Viewer viewer, SignGroupSessionInput input) {
        GroupSession current = own(viewer, input.id(), "signGroupSession");
        if (current.status() == GroupSession.Status.SIGNED) {
            return view(viewer, current, "signGroupSession"); // a retry
        }
        if (current.status() == GroupSession.Status.DRAFT) {
            requireVersion(current, input.expectedVersion());
        }
        new InputProblems().check(current.attendees().isEmpty(), "A group session without attendees cannot be"
                + " signed.").check(input.lateEntryReason() != null && input.lateEntryReason().length() > 1_000,
                        "'lateEntryReason' must be at most 1000 characters.").throwIfAny();
        Map<String, Contact> contacts = withContacts(viewer, current);
        // Everything signing would refuse (documentation, lateness) is refused before any attendee is signed.
        for (Contact contact : contacts.values()) {
            if (contact.status() == Status.DRAFT) {
                log.checkSignable(viewer, contact, input.lateEntryReason());
            }
        }
        if (current.status() == GroupSession.Status.DRAFT) {
            current = guarded(current, GroupSession.Status.DRAFT, new Update()
                    .set("status", GroupSession.Status.SIGNING)
                    .push("history", history(viewer, "SIGNING", null)).inc("version", 1));
        }
        // One attendee at a time through signContact's own path: each reserves on its own ledger, and one
        // client's missing authorization or overlap never blocks the others.
        List<Contact> signed = new ArrayList<>();
        for (Attendee attendee : current.attendees()) {
            signed.add(signAttendee(viewer, attendee.contactId(), input.lateEntryReason()));
        }
        long billable = signed.stream().filter(c -> c.status() == Status.SIGNED && c.billing() != null
                && c.billing().billable()).count();
        GroupSession done;
        try {
            done = guarded(current, GroupSession.Status.SIGNING, new Update()
                    .set("status", GroupSession.Status.SIGNED).set("signedAt", clock.instant())
                    .push("history", history(viewer, "SIGNED", billable + " of " + signed.size()
                            + " attendee(s) billable"))
                    .inc("version", 1));
        }
        catch (DomainException conflict) {
            done = mongo.findById(current.id(), GroupSession.class);
            if (done.status() != GroupSession.Status.SIGNED) {
                throw conflict;
            }
            // A retry sent while this one was signing finished first: the same outcome.
        }
        return view(viewer, done, "signGroupSession");
    }

    /**
     * Signs one attendee's contact; when a retry of this signing, sent meanwhile, signed it first, its outcome is
     * this one's (the contact was reserved and signed once, on its own version).
     */
    private Contact signAttendee(Viewer viewer, String contactId, String lateEntryReason) {
        try {
            return log.signAttendee(viewer, contactId, lateEntryReason);
        }
        catch (DomainException conflict) {
            Contact now = mongo.findById(contactId, Contact.class);
            if (conflict.code() != ErrorCode.CONFLICT || now == null || now.status() == Status.DRAFT) {
                throw conflict;
            }
            return now;
        }
    }

    GroupSessionView addAttendee(Viewer viewer, AddGroupAttendeeInput input) {
        GroupSession current = own(viewer, input.groupSessionId(), "addGroupAttendee");
        GroupAttendeeInput in = input.attendee();
        new InputProblems().check(in == null, "'attendee' is required.").throwIfAny();
        Attendee wanted = attendee(in);
        if (current.attendees().contains(wanted)) {
            return view(viewer, current, "addGroupAttendee"); // a retry
        }
        requireDraft(current, "added");
        requireVersion(current, input.expectedVersion());
        Organization organization = directory.organizationOf(viewer);
        InputProblems problems = new InputProblems();
        problems.check(current.attendee(in.enrolleeId()).isPresent(), "Enrollee " + in.enrolleeId()
                + " already attends this group session.");
        problems.check(current.contactIds().contains(in.contactId()) || current.id().equals(in.contactId()),
                "The contact id " + in.contactId() + " is already used in this group session.");
        problems.check(current.attendees().size() + 1 > organization.maxGroupSize(), "A group session in your"
                + " organization has at most " + organization.maxGroupSize() + " attendees (maxGroupSize).");
        List<Drafted> drafts = draftAll(viewer, current, List.of(wanted), organization, "addGroupAttendee",
                problems);
        problems.throwIfAny();
        requireFreeContactIds(List.of(wanted.contactId()));
        GroupSession updated = guarded(current, GroupSession.Status.DRAFT, new Update().push("attendees", wanted)
                .push("history", history(viewer, "ATTENDEE_ADDED", wanted.enrolleeId())).inc("version", 1));
        log.insertAttendeeDraft(viewer, drafts.get(0).draft(), drafts.get(0).enrollee(), organization);
        return view(viewer, updated, "addGroupAttendee");
    }

    GroupSessionView removeAttendee(Viewer viewer, RemoveGroupAttendeeInput input) {
        GroupSession current = own(viewer, input.groupSessionId(), "removeGroupAttendee");
        new InputProblems().id(input.enrolleeId(), "enrolleeId").text(input.reason(), "reason", MAX_REASON)
                .throwIfAny();
        Attendee attendee = current.attendee(input.enrolleeId()).orElse(null);
        if (attendee == null) {
            if (removedBefore(current, input.enrolleeId())) {
                return view(viewer, current, "removeGroupAttendee"); // a retry
            }
            throw DomainException.validation("Enrollee " + input.enrolleeId() + " does not attend this group"
                    + " session.");
        }
        if (current.status() != GroupSession.Status.DRAFT) {
            throw DomainException.validation("This group session is signed: void the attendee's contact"
                    + " (voidGroupAttendee) instead of removing them.");
        }
        requireVersion(current, input.expectedVersion());
        GroupSession updated = guarded(current, GroupSession.Status.DRAFT, new Update()
                .pull("attendees", attendee)
                .push("history", history(viewer, "ATTENDEE_REMOVED", attendee.enrolleeId() + ": "
                        + input.reason().trim()))
                .inc("version", 1));
        // The removed attendee's draft is voided, never deleted: what was entered stays on the record.
        Contact draft = mongo.findById(attendee.contactId(), Contact.class);
        if (draft != null && draft.status() != Status.VOIDED) {
            log.voidContact(viewer, new ContactInputs.VoidContactInput(draft.id(), draft.version(),
                    "Removed from group session " + current.id() + ": " + input.reason().trim()));
        }
        return view(viewer, updated, "removeGroupAttendee");
    }

    /**
     * After signing: voids one attendee's contact (the same path as {@code voidContact}: its units and time are
     * released); the others stay as they are. A retry changes nothing.
     */
    GroupSessionView voidAttendee(Viewer viewer, VoidGroupAttendeeInput input) {
        GroupSession current = own(viewer, input.groupSessionId(), "voidGroupAttendee");
        new InputProblems().id(input.enrolleeId(), "enrolleeId").text(input.reason(), "reason", MAX_REASON)
                .throwIfAny();
        Attendee attendee = current.attendee(input.enrolleeId()).orElseThrow(() -> DomainException.validation(
                "Enrollee " + input.enrolleeId() + " does not attend this group session."));
        if (current.status() == GroupSession.Status.DRAFT) {
            throw DomainException.validation("This group session is not signed yet: remove the attendee"
                    + " (removeGroupAttendee) instead.");
        }
        Contact contact = mongo.findById(attendee.contactId(), Contact.class);
        if (contact != null && contact.status() != Status.VOIDED) {
            log.voidContact(viewer, new ContactInputs.VoidContactInput(contact.id(), contact.version(),
                    input.reason().trim()));
            current = mongo.findAndModify(Query.query(Criteria.where("_id").is(current.id())), new Update()
                    .push("history", history(viewer, "ATTENDEE_VOIDED", attendee.enrolleeId() + ": "
                            + input.reason().trim())).inc("version", 1),
                    FindAndModifyOptions.options().returnNew(true), GroupSession.class);
        }
        return view(viewer, current, "voidGroupAttendee");
    }

    // ---- reads ----

    /**
     * The facilitator, and supervisors and administrators of its organization: the session with every attendee's
     * contact (each attendee's read audited). Anyone else gets the answer of an unknown id.
     */
    GroupSessionView session(Viewer viewer, String sessionId) {
        String id = Ids.require(sessionId, "id");
        if (viewer.isEnrollee()) {
            trail.denied(viewer, "groupSession", id);
            throw DomainException.forbidden("This is for staff only.");
        }
        GroupSession session = mongo.findById(id, GroupSession.class);
        boolean allowed = session != null && session.organizationId().equals(viewer.organizationId())
                && (!viewer.role().carriesCaseload() || session.coachId().equals(viewer.personId()));
        if (!allowed) {
            trail.denied(viewer, "groupSession", id, session == null ? null : session.organizationId());
            throw DomainException.notFound("Group session " + id);
        }
        return view(viewer, session, "groupSession");
    }

    // ---- helpers ----

    /** An attendee's draft and their enrollee, judged before anything is written. */
    private record Drafted(Contact draft, Enrollee enrollee) {
    }

    /**
     * Drafts each attendee's contact, adding every problem to {@code problems}: an attendee who is not a client on
     * the coach's caseload (worded alike for another coach's client, another organization's and an unknown id, so
     * nothing leaks) or not enrolled on the date of service, goals not theirs, and what logging any contact refuses.
     */
    private List<Drafted> draftAll(Viewer viewer, GroupSession session, List<Attendee> attendees,
            Organization organization, String operation, InputProblems problems) {
        List<Drafted> drafts = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Attendee attendee : attendees) {
            InputProblems own = new InputProblems().id(attendee.contactId(), "attendees.contactId")
                    .id(attendee.enrolleeId(), "attendees.enrolleeId");
            own.check(attendee.note() != null && attendee.note().length() > MAX_NOTE,
                    "An attendee's note must be at most " + MAX_NOTE + " characters.");
            if (attendee.enrolleeId() == null || !validId(attendee.enrolleeId())
                    || !seen.add(attendee.enrolleeId())) {
                problems.merge(own);
                continue;
            }
            Enrollee enrollee = attendeeEnrollee(viewer, attendee.enrolleeId(), session.dateOfService(), operation,
                    own);
            if (enrollee != null) {
                drafts.add(new Drafted(log.judgeAttendeeDraft(draftOf(session, attendee), enrollee, organization,
                        session.lateEntryReason(), own), enrollee));
            }
            problems.merge(own);
        }
        return drafts;
    }

    private Enrollee attendeeEnrollee(Viewer viewer, String enrolleeId, LocalDate dateOfService, String operation,
            InputProblems problems) {
        Enrollee enrollee;
        try {
            enrollee = access.open(viewer, enrolleeId, operation); // audited, allowed or denied
        }
        catch (DomainException notOnCaseload) {
            if (notOnCaseload.code() != ErrorCode.NOT_FOUND) {
                throw notOnCaseload;
            }
            problems.add("Enrollee " + enrolleeId + " is not a client on your caseload in your organization.");
            return null;
        }
        problems.check(dateOfService != null && !enrollee.enrolledAt(dateOfService), "Enrollee " + enrolleeId
                + " is not enrolled on " + dateOfService + "; a group session takes enrolled clients.");
        return enrollee;
    }

    /**
     * The attendee's contact as the session makes it: the session's time, place, format and narrative, the
     * attendee's goals and own note line. Deterministic (its digest too), so a retry makes the same contact.
     */
    private Contact draftOf(GroupSession session, Attendee attendee) {
        String narrative = session.narrative();
        if (attendee.note() != null && !attendee.note().isBlank()) {
            narrative = narrative == null || narrative.isBlank() ? attendee.note().trim()
                    : narrative + "\n\n" + attendee.note().trim();
        }
        Instant now = clock.instant();
        String digest = CreateOnce.digest(session.coachId(), "groupSession:" + session.id() + ":" + attendee);
        return new Contact(attendee.contactId(), session.organizationId(), attendee.enrolleeId(), session.coachId(),
                ContactType.FACE_TO_FACE, true, Setting.GROUP, session.format(), session.start(), session.end(),
                session.dateOfService(), session.placeOfService(), session.privateAreaUsed(), session.activities(),
                session.supportTypes(), narrative, false, attendee.goalIds(), null, null, Status.DRAFT, null, null,
                List.of(), null, null, false, null, List.of(new HistoryEntry(now, session.coachId(), "LOGGED",
                        "group session " + session.id())), 0, now, digest, null, session.id());
    }

    /**
     * The session's attendees' contacts by contact id, in attendee order; an attendee whose contact a request cut
     * short did not write yet gets it now (from the session, as that request would have).
     */
    private Map<String, Contact> withContacts(Viewer viewer, GroupSession session) {
        Map<String, Contact> found = mongo.find(Query.query(Criteria.where("_id").in(session.contactIds())),
                Contact.class).stream().collect(Collectors.toMap(Contact::id, c -> c));
        Map<String, Contact> contacts = new LinkedHashMap<>();
        Organization organization = null;
        for (Attendee attendee : session.attendees()) {
            Contact contact = found.get(attendee.contactId());
            if (contact == null) {
                organization = organization != null ? organization : directory.organizationOf(viewer);
                Enrollee enrollee = access.open(viewer, attendee.enrolleeId(), "groupSession");
                Contact judged = log.judgeAttendeeDraft(draftOf(session, attendee), enrollee, organization,
                        session.lateEntryReason(), new InputProblems());
                contact = log.insertAttendeeDraft(viewer, judged, enrollee, organization);
            }
            contacts.put(attendee.contactId(), contact);
        }
        return contacts;
    }

    /** The session as the API shows it, with its attendees' contacts; the read is audited per attendee. */
    private GroupSessionView view(Viewer viewer, GroupSession session, String operation) {
        Map<String, Contact> contacts = withContacts(viewer, session);
        trail.allowed(viewer, operation, session.enrolleeIds());
        return GroupSessionView.of(session, contacts);
    }

    /** The viewer's own session to change: the facilitator only; anyone else gets the answer of an unknown id. */
    private GroupSession own(Viewer viewer, String sessionId, String operation) {
        requireCoach(viewer);
        String id = Ids.require(sessionId, "groupSessionId");
        GroupSession session = mongo.findById(id, GroupSession.class);
        if (session == null || !session.organizationId().equals(viewer.organizationId())
                || !session.coachId().equals(viewer.personId())) {
            trail.denied(viewer, operation, id, session == null ? null : session.organizationId());
            throw DomainException.notFound("Group session " + id);
        }
        return session;
    }

    private boolean removedBefore(GroupSession session, String enrolleeId) {
        return session.history().stream().anyMatch(h -> h.action().equals("ATTENDEE_REMOVED")
                && h.detail() != null && h.detail().startsWith(enrolleeId + ":"));
    }

    private void requireFreeContactIds(List<String> contactIds) {
        List<Contact> taken = mongo.find(Query.query(Criteria.where("_id").in(contactIds)), Contact.class);
        if (!taken.isEmpty()) {
            throw DomainException.conflict("The contact id " + taken.get(0).id() + " cannot be used for this"
                    + " attendee; generate a new one.", Map.of("id", taken.get(0).id()));
        }
    }

    private GroupSession guarded(GroupSession current, GroupSession.Status expected, Update update) {
        GroupSession updated = mongo.findAndModify(Query.query(Criteria.where("_id").is(current.id())
                .and("version").is(current.version()).and("status").is(expected)), update,
                FindAndModifyOptions.options().returnNew(true), GroupSession.class);
        if (updated == null) {
            GroupSession now = mongo.findById(current.id(), GroupSession.class);
            throw conflict(now);
        }
        return updated;
    }

    private static void requireVersion(GroupSession current, long expected) {
        if (current.version() != expected) {
            throw conflict(current);
        }
    }

    private static DomainException conflict(GroupSession now) {
        return DomainException.conflict("This group session was changed elsewhere (now version " + now.version()
                + ", " + now.status().name().toLowerCase() + "). Reload and try again.",
                Map.of("currentVersion", now.version()));
    }

    private static void requireDraft(GroupSession session, String what) {
        if (session.status() != GroupSession.Status.DRAFT) {
            throw DomainException.validation("This group session is " + session.status().name().toLowerCase()
                    + "; attendees are " + what + " before signing.");
        }
    }

    private HistoryEntry history(Viewer viewer, String action, String detail) {
        return new HistoryEntry(clock.instant(), viewer.personId(), action, detail);
    }

    private static Attendee attendee(GroupAttendeeInput in) {
        return new Attendee(in.contactId(), in.enrolleeId(), in.goalIds(), blankToNull(in.note()));
    }

    private static <T> List<String> duplicates(List<T> items, Function<T, String> key) {
        Map<String, Long> counts = items.stream().map(key).filter(k -> k != null)
                .collect(Collectors.groupingBy(k -> k, LinkedHashMap::new, Collectors.counting()));
        return counts.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
    }

    private static boolean validId(String id) {
        try {
            Ids.require(id, "enrolleeId");
            return true;
        }
        catch (DomainException malformed) {
            return false;
        }
    }

    private static <T> Set<T> listed(List<T> values) {
        return values == null ? Set.of() : Set.copyOf(values);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    private static void requireCoach(Viewer viewer) {
        if (!viewer.role().carriesCaseload()) {
            throw DomainException.forbidden("Only coaches and associates facilitate group sessions.");
        }
    }
}
