package org.peerpath.contacts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.nio.charset.StandardCharsets;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import org.peerpath.audit.AuditTrail;
import org.peerpath.billing.BillingCase.ContactType;
import org.peerpath.billing.BillingCase.Setting;
import org.peerpath.billing.LateEntryPolicy;
import org.peerpath.billing.StandAloneCompliance;
import org.peerpath.consent.ConsentInputs.RecordDisclosureInput;
import org.peerpath.consent.ConsentRegistry;
import org.peerpath.consent.ContactPermission;
import org.peerpath.contacts.Contact.Addendum;
import org.peerpath.contacts.Contact.HistoryEntry;
import org.peerpath.contacts.Contact.LateEntry;
import org.peerpath.contacts.Contact.PersonContacted;
import org.peerpath.contacts.Contact.Status;
import org.peerpath.contacts.ContactInputs.AmendContactInput;
import org.peerpath.contacts.ContactInputs.ContactFilter;
import org.peerpath.contacts.ContactInputs.LogContactInput;
import org.peerpath.contacts.ContactInputs.PersonContactedInput;
import org.peerpath.contacts.ContactInputs.SignContactInput;
import org.peerpath.contacts.ContactInputs.UpdateContactDraftInput;
import org.peerpath.contacts.ContactInputs.VoidContactInput;
import org.peerpath.database.CreateOnce;
import org.peerpath.database.Keyset;
import org.peerpath.graphql.Connection;
import org.peerpath.graphql.Dates;
import org.peerpath.graphql.DomainException;
import org.peerpath.graphql.Ids;
import org.peerpath.graphql.InputProblems;
import org.peerpath.graphql.PageRequest;
import org.peerpath.people.Enrollee;
import org.peerpath.people.EnrolleeAccess;
import org.peerpath.people.Organization;
import org.peerpath.people.PeopleDirectory;
import org.peerpath.people.RulePack;
import org.peerpath.plans.RecoveryPlans;
import org.peerpath.security.Viewer;

/**
 * The coach's contact log: log a draft, edit it, sign it (units reserved atomically on the enrollee's ledger),
 * amend a signed contact with an addendum, void with a reason. Nothing a coach entered is ever lost: a contact
 * that breaks a billing rule is saved and shows why it is not billable; only malformed input is refused.
 */
@Service
public class ContactLog implements SmartInitializingSingleton {

    static final int MAX_NARRATIVE = 10_000;
    static final int MAX_LATE_ENTRY_REASON = 1_000;
    private static final Keyset<Instant> NEWEST_FIRST = Keyset.descending("start", Dates::instant);
    static final Duration MAX_LENGTH = Duration.ofHours(12);
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private final MongoTemplate mongo;
    private final EnrolleeAccess access;
    private final PeopleDirectory directory;
    private final ConsentRegistry consents;
    private final RecoveryPlans plans;
    private final ContactBilling billing;
    private final UnitLedgers ledgers;
    private final CoachLedgers coachLedgers;
    private final AuditTrail trail;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final MeterRegistry meters;
    private final ContactReview reviews;
    private final CrashPoints crashPoints;
    private final EnrolleeActivity activity;

    ContactLog(MongoTemplate mongo, EnrolleeAccess access, PeopleDirectory directory, ConsentRegistry consents,
            RecoveryPlans plans, ContactBilling billing, UnitLedgers ledgers, CoachLedgers coachLedgers,
            AuditTrail trail, ApplicationEventPublisher events, Clock clock, MeterRegistry meters,
            ContactReview reviews, CrashPoints crashPoints, EnrolleeActivity activity) {
        this.activity = activity;
        this.reviews = reviews;
        this.crashPoints = crashPoints;
        this.mongo = mongo;
        this.access = access;
        this.directory = directory;
        this.consents = consents;
        this.plans = plans;
        this.billing = billing;
        this.ledgers = ledgers;
        this.coachLedgers = coachLedgers;
        this.trail = trail;
        this.events = events;
        this.clock = clock;
        this.meters = meters;
        for (RulePack pack : RulePack.values()) {
            for (boolean billable : new boolean[] {true, false}) {
                meters.counter("peerpath.contacts.signed", "pack", pack.name(), "billable", String.valueOf(billable));
            }
        }
    }

    @Override
    public void afterSingletonsInstantiated() {
        mongo.indexOps(Contact.class).createIndex(new Index().on("enrolleeId", Sort.Direction.ASC)
                .on("start", Sort.Direction.DESC).named("enrollee_start"));
        mongo.indexOps(Contact.class).createIndex(new Index().on("coachId", Sort.Direction.ASC)
                .on("status", Sort.Direction.ASC).on("start", Sort.Direction.DESC).named("coach_status_start"));
        // The supervisor dashboard's lists, read in their order so a page stops early: flagged contacts oldest
        // first (ContactActivity), the review queue by signature (ContactReview); without them each read every
        // signed contact of the organization.
        mongo.indexOps(Contact.class).createIndex(new Index().on("organizationId", Sort.Direction.ASC)
                .on("flaggedForReview", Sort.Direction.ASC).on("start", Sort.Direction.ASC)
                .named("organization_flagged_start"));
        mongo.indexOps(Contact.class).createIndex(new Index().on("organizationId", Sort.Direction.ASC)
                .on("status", Sort.Direction.ASC).on("review.status", Sort.Direction.ASC)
                .on("signedAt", Sort.Direction.ASC).named("organization_status_review_signed"));
    }

    // ---- writes ----

    Contact log(Viewer viewer, LogContactInput input) {
        requireCoach(viewer);
        new InputProblems().id(input.id(), "id").id(input.enrolleeId(), "enrolleeId").throwIfAny();
        Contact existing = mongo.findById(input.id(), Contact.class);
        if (existing != null && existing.coachId().equals(viewer.personId())
                && existing.creationDigest().equals(CreateOnce.digest(viewer.personId(), input))) {
            activity.raisedBy(existing); // the first attempt may have stopped before the summary
            return existing; // a retry from a phone that lost its connection
        }
        Enrollee enrollee = access.open(viewer, input.enrolleeId(), "logContact");
        Organization organization = directory.organizationOf(viewer);
        InputProblems problems = new InputProblems();
        Contact draft = judgeLateness(draftFrom(input, viewer, organization.zone()), input.lateEntryReason(),
                organization, clock.instant(), false, true, problems);
        validate(draft, enrollee, problems);
        Evaluated evaluated = billing.evaluate(viewer, draft, enrollee, organization, ledgers.read(enrollee.id()),
                List.of(), false);
        Contact stored = draft.withBilling(evaluated.outcome(), evaluated.consentMissing(), CreateOnce.digest(viewer.personId(), input));
        Contact inserted = CreateOnce.insert(mongo, stored, stored.id(), Contact.class, Contact::creationDigest);
        activity.raisedBy(inserted);
        return inserted;
    }

    Contact updateDraft(Viewer viewer, UpdateContactDraftInput input) {
        Own own = ownContact(viewer, input.id(), "updateContactDraft");
        Contact current = own.contact();
        requireOutsideGroupSession(current, "changed");
        if (current.status() != Status.DRAFT) {
            throw DomainException.validation("Only drafts can be edited; a signed contact takes an addendum.");
        }
        Enrollee enrollee = own.enrollee();
        Organization organization = directory.organizationOf(viewer);
        InputProblems problems = new InputProblems();
        Contact draft = judgeLateness(merge(current, input, organization.zone()), input.lateEntryReason(),
                organization, clock.instant(), false, true, problems);
        validate(draft, enrollee, problems);
        Evaluated evaluated = billing.evaluate(viewer, draft, enrollee, organization, ledgers.read(enrollee.id()),
                List.of(), false);
        Update update = fieldsOf(draft).set("billing", evaluated.outcome())
                .set("flaggedForReview", evaluated.consentMissing())
                .push("history", history(viewer, "EDITED", null)).inc("version", 1);
        Contact updated = guarded(current, input.expectedVersion(), Status.DRAFT, update);
        if (!Objects.equals(current.dateOfService(), updated.dateOfService()) || current.type() != updated.type()
                || current.clientPresent() != updated.clientPresent()) {
            activity.changedBy(updated); // a draft moved to another day may lower the last contact
        }
        return updated;
    }

    Contact sign(Viewer viewer, SignContactInput input) {
        Own own = ownContact(viewer, input.id(), "signContact");
        requireOutsideGroupSession(own.contact(), "signed");
        return sign(viewer, own, input.expectedVersion(), input.lateEntryReason());
    }

    /**
     * Signs one attendee's contact of a group session ({@link GroupSessions}): exactly the path of
     * {@code signContact}, so every attendee's units are reserved on their own ledger like any contact's. A contact
     * an earlier, interrupted attempt signed (or one voided since) is returned as it is.
     */
    Contact signAttendee(Viewer viewer, String contactId, String lateEntryReason) {
        Own own = ownContact(viewer, contactId, "signGroupSession");
        if (own.contact().status() != Status.DRAFT) {
            return own.contact();
        }
        return sign(viewer, own, own.contact().version(), lateEntryReason);
    }

    /**
     * Refuses (VALIDATION, nothing written) what signing this draft would refuse, before a group session signs any
     * of its attendees' contacts: one attendee's refusal must not leave the others half signed.
     */
    void checkSignable(Viewer viewer, Contact draft, String lateEntryReason) {
        signing(viewer, draft, lateEntryReason, directory.organizationOf(viewer));
    }

    private Contact sign(Viewer viewer, Own own, long expectedVersion, String lateEntryReason) {
        Contact current = own.contact();
        if (current.status() == Status.SIGNED && viewer.personId().equals(current.signedBy())
                && isRetryOf(current, expectedVersion)) {
            activity.raisedBy(current); // the first attempt may have stopped before the summary
            return current; // the phone retries a signing whose answer it lost (issue 18, item 6)
        }
        if (current.status() != Status.DRAFT) {
            throw DomainException.validation("This contact is already " + current.status().name().toLowerCase()
                    + ".");
        }
        requireVersion(current, expectedVersion);
        Enrollee enrollee = own.enrollee();
        Organization organization = directory.organizationOf(viewer);
        Contact signing = signing(viewer, current, lateEntryReason, organization);
        Evaluated evaluated = reserve(viewer, signing, enrollee, organization, null);
        crashPoints.between(current.id());
        // A contact the organization's review policy names waits for the supervisor's co-signature: its units
        // stay reserved above, it is not billable until approved (issue 12, item 1; ReviewPolicy cites sources).
        Review review = reviews.onSigning(viewer, evaluated.consentMissing());
        List<HistoryEntry> steps = new ArrayList<>(List.of(history(viewer, "SIGNED", summary(evaluated.outcome())
                + (signing.late() ? "; late entry, " + signing.lateEntry().daysAfterService()
                        + " days after the date of service" : ""))));
        if (review != null) {
            steps.add(history(viewer, "AWAITING_REVIEW", review.reason()));
        }
        Update update = new Update().set("status", Status.SIGNED).set("signedAt", signing.signedAt())
                .set("signedBy", viewer.personId()).set("billing", evaluated.outcome())
                .set("flaggedForReview", evaluated.consentMissing()).set("lateEntry", signing.lateEntry())
                .set("review", review).inc("version", 1);
        update.push("history").each(steps.toArray());
        Contact signed = guardedOrReconcile(current, expectedVersion, Status.DRAFT, update);
        activity.raisedBy(signed);
        if (evaluated.permission() != null && evaluated.permission().allowed()) {
            recordDisclosure(viewer, enrollee, signed, evaluated.permission());
        }
        // Two small tag sets (pack, billable): never a person, an organization or a code.
        meters.counter("peerpath.contacts.signed", "pack", evaluated.outcome().rulePack(),
                "billable", String.valueOf(evaluated.outcome().billable())).increment();
        events.publishEvent(new ContactSigned(signed.id(), signed.organizationId(), signed.enrolleeId(),
                signed.coachId(), signed.clientPresent() || signed.type() == ContactType.PHONE,
                StandAloneCompliance.countsAsFaceToFace(true, signed.clientPresent()), signed.dateOfService(),
                signed.signedAt()));
        return signed;
    }

    /** The draft as signed now, or VALIDATION when it cannot be signed (nothing written either way). */
    private Contact signing(Viewer viewer, Contact current, String lateEntryReason, Organization organization) {
        // Michigan guidance XI.B: date, begin and end time, nature and extent, and place of service must be
        // documented for every billed service; a contact without them cannot be signed.
        InputProblems problems = new InputProblems()
                .check(current.narrative() == null || current.narrative().isBlank(),
                        "The narrative (nature and extent of the service) is required to sign (Michigan XI.B.3).")
                .check(current.placeOfService() == null, "The place of service is required to sign (Michigan XI.B.3).");
        // Signing makes the note, so its lateness is judged again now and this judgement is the one that stands.
        Contact signing = current.signed(clock.instant(), viewer.personId());
        signing = judgeLateness(signing, lateEntryReason, organization, signing.signedAt(), true, true, problems);
        problems.throwIfAny();
        return signing;
    }

    /** A group session's attendee contact changes and signs with its session (issue 12, item 3). */
    private static void requireOutsideGroupSession(Contact contact, String what) {
        if (contact.groupSessionId() != null && contact.status() == Status.DRAFT) {
            throw DomainException.validation("This contact is an attendee's of group session "
                    + contact.groupSessionId() + "; it is " + what + " with the session.");
        }
    }

    Contact amend(Viewer viewer, AmendContactInput input) {
        Own own = ownContact(viewer, input.id(), "amendContact");
        Contact current = own.contact();
        new InputProblems().id(input.addendumId(), "addendumId").text(input.reason(), "reason", 500)
                .text(input.text(), "text", MAX_NARRATIVE).throwIfAny();
        if (current.addenda().stream().anyMatch(a -> a.id().equals(input.addendumId()))) {
            return current; // the same addendum, retried
        }
        if (current.status() != Status.SIGNED) {
            throw DomainException.validation("Only signed contacts take addenda; edit a draft instead.");
        }
        requireVersion(current, input.expectedVersion());
        Enrollee enrollee = own.enrollee();
        Organization organization = directory.organizationOf(viewer);
        Contact amended = current.corrected(input.end(),
                input.activities() == null ? null : Set.copyOf(input.activities()),
                input.supportTypes() == null ? null : Set.copyOf(input.supportTypes()));
        InputProblems problems = new InputProblems();
        checkTimes(amended, problems);
        problems.throwIfAny();
        // Judged again under the settings it was signed with: signed contacts keep their rule pack and rounding
        // whatever the organization chose since (issue 10, item 3).
        Evaluated evaluated = reserve(viewer, amended, enrollee, organization, current.billing() == null ? null
                : current.billing().basis());
        crashPoints.between(current.id());
        Update update = new Update().set("end", amended.end()).set("activities", amended.activities())
                .set("supportTypes", amended.supportTypes()).set("billing", evaluated.outcome())
                .set("flaggedForReview", evaluated.consentMissing())
                .push("addenda", new Addendum(input.addendumId(), clock.instant(), viewer.personId(),
                        input.reason().trim(), input.text().trim()))
                .inc("version", 1);
        List<HistoryEntry> steps = new ArrayList<>(List.of(history(viewer, "AMENDED", input.reason().trim() + " — "
                + summary(evaluated.outcome()))));
        if (current.review() != null && current.review().status() == Review.Status.APPROVED) {
            // A co-signed note that changes is co-signed again (issue 12, item 1).
            update.set("review", Review.awaiting(current.review().reason()));
            steps.add(history(viewer, "AWAITING_REVIEW", "changed after approval"));
        }
        update.push("history").each(steps.toArray());
        return guardedOrReconcile(current, input.expectedVersion(), Status.SIGNED, update);
    }

    Contact voidContact(Viewer viewer, VoidContactInput input) {
        Contact current = ownContact(viewer, input.id(), "voidContact").contact();
        new InputProblems().text(input.reason(), "reason", 500).throwIfAny();
        if (current.status() == Status.VOIDED) {
            HistoryEntry last = current.history().get(current.history().size() - 1);
            if (last.action().equals("VOIDED") && viewer.personId().equals(last.by())
                    && isRetryOf(current, input.expectedVersion())) {
                activity.changedBy(current); // the first attempt may have stopped before the summary
                return current; // the phone retries a void whose answer it lost (issue 18, item 6)
            }
            throw DomainException.validation("This contact is already voided.");
        }
        requireVersion(current, input.expectedVersion());
        Update update = new Update().set("status", Status.VOIDED).set("voidReason", input.reason().trim())
                .push("history", history(viewer, "VOIDED", input.reason().trim())).inc("version", 1);
        Contact voided = guarded(current, input.expectedVersion(), current.status(), update);
        crashPoints.between(voided.id());
        // Released after the status change: a failure in between can leave units or time held, never double-billed.
        ledgers.change(voided.enrolleeId(), ledger -> new UnitLedgers.Decision<>(ledger.without(voided.id()), null));
        coachLedgers.release(voided);
        activity.changedBy(voided); // the voided contact may have been the last one
        return voided;
    }

    /**
     * An attendee's draft contact of a group session ({@link GroupSessions}) judged like a logged contact (times,
     * goals, lateness), its problems added to {@code problems}; nothing written.
     */
    Contact judgeAttendeeDraft(Contact draft, Enrollee enrollee, Organization organization, String lateEntryReason,
            InputProblems problems) {
        Contact judged = judgeLateness(draft, lateEntryReason, organization, clock.instant(), false, true, problems);
        collectProblems(judged, enrollee, problems);
        return judged;
    }

    /**
     * Stores an attendee's judged draft with its own billing evaluation, as {@code logContact} stores a draft; a
     * retry of the same gets the stored one. Its digest is the one the draft carries.
     */
    Contact insertAttendeeDraft(Viewer viewer, Contact judged, Enrollee enrollee, Organization organization) {
        Evaluated evaluated = billing.evaluate(viewer, judged, enrollee, organization, ledgers.read(enrollee.id()),
                List.of(), false);
        Contact stored = judged.withBilling(evaluated.outcome(), evaluated.consentMissing(), judged.creationDigest());
        Contact inserted = CreateOnce.insert(mongo, stored, stored.id(), Contact.class, Contact::creationDigest);
        activity.raisedBy(inserted);
        return inserted;
    }

    /** What signing the contact now would give, saving nothing. */
    BillingOutcome preview(Viewer viewer, LogContactInput input) {
        requireCoach(viewer);
        new InputProblems().id(input.enrolleeId(), "enrolleeId").throwIfAny();
        Enrollee enrollee = access.open(viewer, input.enrolleeId(), "previewContactBilling");
        Organization organization = directory.organizationOf(viewer);
        // The preview shows a late entry as its warning and does not yet ask for the reason; past the hard limit
        // it is refused like logging would be.
        InputProblems problems = new InputProblems();
        Contact draft = judgeLateness(draftFrom(input, viewer, organization.zone()), input.lateEntryReason(),
                organization, clock.instant(), false, false, problems);
        validate(draft, enrollee, problems);
        return billing.evaluate(viewer, draft, enrollee, organization, ledgers.read(enrollee.id()),
                coachLedgers.read(viewer.personId()).entries(), true).outcome();
    }

    // ---- reads ----

    Contact contact(Viewer viewer, String contactId) {
        String id = Ids.require(contactId, "id");
        Contact contact = mongo.findById(id, Contact.class);
        access.openThrough(viewer, "Contact", id, contact == null ? null : contact.enrolleeId(),
                contact == null ? null : contact.coachId(), "contact", true);
        return contact;
    }

    Connection<Contact> contactsOf(Viewer viewer, String enrolleeId, ContactFilter filter, PageRequest page) {
        Enrollee enrollee = access.openForStaff(viewer, enrolleeId, "contacts");
        return page(Criteria.where("enrolleeId").is(enrollee.id()), filter, page);
    }

    Connection<Contact> myContacts(Viewer viewer, ContactFilter filter, PageRequest page) {
        requireCoach(viewer);
        Connection<Contact> connection = page(authoredBy(viewer), filter, page);
        trail.allowed(viewer, "myContacts",
                connection.edges().stream().map(e -> e.node().enrolleeId()).distinct().toList());
        return connection;
    }

    List<Contact> draftsAwaitingSignature(Viewer viewer) {
        requireCoach(viewer);
        // Bounded by construction: one coach's own unsigned drafts, never the organization's (issue 19).
        List<Contact> drafts = mongo.find(Query.query(authoredBy(viewer).and("status").is(Status.DRAFT))
                .with(Sort.by("start", "_id")), Contact.class);
        trail.allowed(viewer, "draftsAwaitingSignature", drafts.stream().map(Contact::enrolleeId).distinct().toList());
        return drafts;
    }

    UnitUsage unitUsage(Viewer viewer, String enrolleeId) {
        Enrollee enrollee = access.openForStaff(viewer, enrolleeId, "unitUsage");
        Organization organization = directory.organizationOf(viewer);
        return billing.usage(enrollee, organization, ledgers.read(enrollee.id()),
                LocalDate.now(clock.withZone(organization.zone())));
    }

    MonthUnits myUnitsThisMonth(Viewer viewer) {
        requireCoach(viewer);
        ZoneId zone = directory.organizationOf(viewer).zone();
        YearMonth month = YearMonth.now(clock.withZone(zone));
        List<Contact> signed = mongo.find(Query.query(Criteria.where("coachId").is(viewer.personId())
                .andOperator(ContactReview.billableNow())
                .and("dateOfService").gte(month.atDay(1)).lte(month.atEndOfMonth())), Contact.class);
        return new MonthUnits(month.toString(), signed.stream().mapToInt(c -> c.billing().units()).sum(),
                signed.size());
    }

    Connection<EnrolleeContact> myContactHistory(Viewer viewer, PageRequest page) {
        if (!viewer.isEnrollee()) {
            throw DomainException.forbidden("This is the enrollee's own history.");
        }
        access.open(viewer, viewer.personId(), "myContactHistory");
        Connection<Contact> contacts = page(Criteria.where("enrolleeId").is(viewer.personId()),
                new ContactFilter(null, null, null, null, true), page);
        return new Connection<>(contacts.edges().stream().map(edge -> new Connection.Edge<>(edge.cursor(),
                EnrolleeContact.of(edge.node()))).toList(), contacts.pageInfo());
    }

    // ---- helpers ----

    private Connection<Contact> page(Criteria scope, ContactFilter filter, PageRequest page) {
        List<Criteria> all = new ArrayList<>(List.of(scope));
        if (filter != null) {
            if (filter.from() != null) {
                all.add(Criteria.where("dateOfService").gte(filter.from()));
            }
            if (filter.to() != null) {
                all.add(Criteria.where("dateOfService").lte(filter.to()));
            }
            if (filter.type() != null) {
                all.add(Criteria.where("type").is(filter.type()));
            }
            if (filter.billable() != null) {
                all.add(filter.billable() ? new Criteria().andOperator(Criteria.where("billing.billable").is(true),
                        ContactReview.notPending()) : new Criteria().orOperator(Criteria.where("billing.billable")
                        .is(false), ContactReview.pending()));
            }
            if (filter.signed() != null) {
                all.add(filter.signed() ? Criteria.where("status").is(Status.SIGNED)
                        : Criteria.where("status").ne(Status.SIGNED));
            }
        }
        return Connection.of(mongo.find(NEWEST_FIRST.query(new Criteria().andOperator(all), page), Contact.class),
                page, c -> NEWEST_FIRST.cursor(c.start(), c.id()));
    }

    private Contact draftFrom(LogContactInput input, Viewer viewer, ZoneId zone) {
        ContactType type = input.type();
        boolean clientPresent = switch (type) {
            case FACE_TO_FACE -> true;
            case PHONE -> false;
            case COLLATERAL_FAMILY, COLLATERAL_PROFESSIONAL -> Boolean.TRUE.equals(input.clientPresent());
        };
        Instant now = clock.instant();
        return new Contact(input.id(), viewer.organizationId(), input.enrolleeId(), viewer.personId(), type,
                clientPresent, input.setting() == null ? Setting.INDIVIDUAL : input.setting(), input.groupFormat(),
                input.start(), input.end(), input.start() == null ? null : input.start().atZone(zone).toLocalDate(),
                input.placeOfService(), input.privateAreaUsed(),
                input.activities() == null ? Set.of() : Set.copyOf(input.activities()),
                input.supportTypes() == null ? Set.of() : Set.copyOf(input.supportTypes()), input.narrative(),
                Boolean.TRUE.equals(input.narrativePrivate()), input.goalIds(), person(input.personContacted()),
                input.directedToChildBenefit(), Status.DRAFT, null, null, List.of(), null, null, false, null,
                List.of(new HistoryEntry(now, viewer.personId(), "LOGGED", null)), 0, now, null, null, null);
    }

    private Contact merge(Contact c, UpdateContactDraftInput in, ZoneId zone) {
        ContactType type = in.type() == null ? c.type() : in.type();
        boolean clientPresent = switch (type) {
            case FACE_TO_FACE -> true;
            case PHONE -> false;
            case COLLATERAL_FAMILY, COLLATERAL_PROFESSIONAL -> in.clientPresent() == null ? c.clientPresent()
                    : in.clientPresent();
        };
        Instant start = in.start() == null ? c.start() : in.start();
        return new Contact(c.id(), c.organizationId(), c.enrolleeId(), c.coachId(), type, clientPresent,
                in.setting() == null ? c.setting() : in.setting(),
                in.groupFormat() == null ? c.groupFormat() : in.groupFormat(), start,
                in.end() == null ? c.end() : in.end(), start.atZone(zone).toLocalDate(),
                in.placeOfService() == null ? c.placeOfService() : in.placeOfService(),
                in.privateAreaUsed() == null ? c.privateAreaUsed() : in.privateAreaUsed(),
                in.activities() == null ? c.activities() : Set.copyOf(in.activities()),
                in.supportTypes() == null ? c.supportTypes() : Set.copyOf(in.supportTypes()),
                in.narrative() == null ? c.narrative() : in.narrative(),
                in.narrativePrivate() == null ? c.narrativePrivate() : in.narrativePrivate(),
                in.goalIds() == null ? c.goalIds() : in.goalIds(),
                in.personContacted() == null ? c.personContacted() : person(in.personContacted()),
                in.directedToChildBenefit() == null ? c.directedToChildBenefit() : in.directedToChildBenefit(),
                c.status(), c.signedAt(), c.signedBy(), c.addenda(), c.voidReason(), c.billing(),
                c.flaggedForReview(), c.lateEntry(), c.history(), c.version(), c.createdAt(), c.creationDigest(),
                c.review(), c.groupSessionId());
    }

    /**
     * What a program under 42 CFR Part 2 discloses by merely talking to someone about a client: that they take
     * part in it, itself Part 2 information. The default when the coach states nothing else.
     */
    static final String PARTICIPATION_DISCLOSED = "That the enrollee takes part in the peer recovery program"
            + " (information protected by 42 CFR Part 2).";

    private static PersonContacted person(PersonContactedInput input) {
        if (input == null) {
            return null;
        }
        boolean stated = input.informationShared() != null && !input.informationShared().isBlank();
        return new PersonContacted(input.name() == null ? null : input.name().trim(), input.relationship(),
                input.emergencyContactId(), stated ? input.informationShared().trim() : PARTICIPATION_DISCLOSED,
                input.includesSubstanceUseInformation() == null ? !stated : input.includesSubstanceUseInformation());
    }

    /**
     * Every problem of a contact's input at once, with those already found ({@code problems}); nothing is written
     * when there is one.
     */
    private void validate(Contact c, Enrollee enrollee, InputProblems problems) {
        collectProblems(c, enrollee, problems);
        problems.throwIfAny();
    }

    /** As {@link #validate}, only adding to {@code problems}. */
    private void collectProblems(Contact c, Enrollee enrollee, InputProblems problems) {
        checkTimes(c, problems);
        problems.check(c.narrative() != null && c.narrative().length() > MAX_NARRATIVE,
                "The narrative must be at most " + MAX_NARRATIVE + " characters.");
        problems.check(c.setting() == Setting.INDIVIDUAL && c.groupFormat() != null,
                "An individual contact has no group format.");
        problems.check(c.setting() == Setting.GROUP && c.groupFormat() == null, "A group contact needs its format.");
        // A group is a service delivered to clients together in one place: a phone call is not one, and a group
        // contact needs the client present in person (billing-rules.md, Inputs; Michigan XII codes groups T1012).
        problems.check(c.setting() == Setting.GROUP && c.type() == ContactType.PHONE,
                "A phone contact cannot be a group service.");
        problems.check(c.setting() == Setting.GROUP && c.type() != ContactType.PHONE && !c.clientPresent(),
                "A group service needs the client present in person.");
        boolean collateral = c.type() == ContactType.COLLATERAL_FAMILY || c.type() == ContactType.COLLATERAL_PROFESSIONAL;
        problems.check(collateral && (c.personContacted() == null || c.personContacted().name() == null
                || c.personContacted().name().isBlank()), "A collateral contact names the person contacted.");
        problems.check(!collateral && c.personContacted() != null,
                "Only collateral contacts name a person contacted.");
        problems.check(c.personContacted() != null && c.personContacted().informationShared() != null
                && c.personContacted().informationShared().length() > 2000,
                "What was disclosed ('informationShared') must be at most 2000 characters.");
        if (c.personContacted() != null && c.personContacted().emergencyContactId() != null) {
            String ecId = c.personContacted().emergencyContactId();
            problems.check(enrollee.emergencyContacts().stream().noneMatch(ec -> ec.id().equals(ecId)),
                    "Emergency contact " + ecId + " is not one of this enrollee's.");
        }
        Set<String> goals = plans.goalIdsOf(enrollee.id());
        for (String goalId : c.goalIds()) {
            problems.id(goalId, "goalIds");
            problems.check(!goals.contains(goalId), "Goal " + goalId + " is not a goal of this enrollee.");
        }
    }

    /**
     * The contact with its late-entry mark, judged as documented {@code at} under its organization's limits (issue 11, item 7;
     * {@link LateEntryPolicy}, pure): documented more than {@code lateEntryDays} after its date of service it is
     * a late entry and needs a reason (given now, or earlier on the draft); more than {@code lateEntryHardLimitDays}
     * it is refused. Judged at logging and at each draft edit, so the coach hears it at once, and at signing,
     * whose judgement replaces the earlier ones: signing makes the note (Michigan guidance XI.B.4), so a draft
     * logged on time and signed late is a late entry. A reason given for a contact on time is not kept.
     */
    private Contact judgeLateness(Contact contact, String reason, Organization organization, Instant at,
            boolean atSigning, boolean reasonRequired, InputProblems problems) {
        problems.check(reason != null && reason.length() > MAX_LATE_ENTRY_REASON,
                "'lateEntryReason' must be at most " + MAX_LATE_ENTRY_REASON + " characters.");
        if (contact.start() == null) {
            return contact.withLateEntry(null); // checkTimes reports the missing start
        }
        LateEntryPolicy policy = new LateEntryPolicy(organization.lateEntryDays(),
                organization.lateEntryHardLimitDays());
        LateEntryPolicy.Timeliness timeliness = policy.judge(contact.start(), at, organization.zone());
        if (timeliness.verdict() == LateEntryPolicy.Verdict.ON_TIME) {
            return contact.withLateEntry(null);
        }
        String given = reason != null && !reason.isBlank() ? reason.trim()
                : contact.lateEntry() == null ? null : contact.lateEntry().reason();
        String age = "its date of service, " + timeliness.dateOfService() + ", is " + timeliness.daysAfterService()
                + " days before today (" + timeliness.documentedOn() + ")";
        if (timeliness.verdict() == LateEntryPolicy.Verdict.REFUSED) {
            problems.add("This contact cannot be " + (atSigning ? "signed" : "entered") + ": " + age
                    + ", more than the organization's hard limit of " + policy.refusedAfterDays()
                    + " days for late entries.");
        }
        else {
            problems.check(reasonRequired && given == null, "This contact is a late entry: " + age
                    + ", more than the organization's limit of " + policy.lateAfterDays()
                    + " days. Give a 'lateEntryReason' to " + (atSigning ? "sign" : "save") + " it.");
        }
        return contact.withLateEntry(new LateEntry(given, timeliness.daysAfterService(), policy.lateAfterDays(), at,
                atSigning));
    }

    private void checkTimes(Contact c, InputProblems problems) {
        if (c.start() == null || c.end() == null) {
            problems.add("Start and end are required.");
            return;
        }
        problems.check(!c.end().isAfter(c.start()), "The end must be after the start.");
        problems.check(Duration.between(c.start(), c.end()).compareTo(MAX_LENGTH) > 0,
                "A contact cannot be longer than 12 hours.");
        problems.check(c.start().isAfter(clock.instant().plus(CLOCK_SKEW)),
                "A contact cannot start in the future (more than 5 minutes from now).");
    }

    private static Update fieldsOf(Contact c) {
        return new Update().set("type", c.type()).set("clientPresent", c.clientPresent()).set("setting", c.setting())
                .set("groupFormat", c.groupFormat()).set("start", c.start()).set("end", c.end())
                .set("dateOfService", c.dateOfService()).set("placeOfService", c.placeOfService())
                .set("privateAreaUsed", c.privateAreaUsed()).set("activities", c.activities())
                .set("supportTypes", c.supportTypes()).set("narrative", c.narrative())
                .set("narrativePrivate", c.narrativePrivate()).set("goalIds", c.goalIds())
                .set("personContacted", c.personContacted()).set("directedToChildBenefit", c.directedToChildBenefit())
                .set("lateEntry", c.lateEntry());
    }

    /**
     * Evaluates a contact being signed (or amended) and reserves what it takes, atomically on each ledger: first
     * its time on the coach's ledger (so of two racing signings by one coach the later sees the earlier), then,
     * judged against the coach's other services and the enrollee's ledger, its units and time on the enrollee's
     * ledger (so of two racing signings for one client, by any coaches, only one bills the time; CMS FAQ A1).
     */
    private Evaluated reserve(Viewer viewer, Contact contact, Enrollee enrollee, Organization organization,
            BillingBasis pinned) {
        CoachLedger coachServices = coachLedgers.hold(contact);
        Evaluated evaluated;
        try {
            evaluated = ledgers.change(enrollee.id(), ledger -> {
                Evaluated e = billing.evaluate(viewer, contact, enrollee, organization, ledger,
                        coachServices.entries(), true, pinned);
                return new UnitLedgers.Decision<>(withEntry(ledger, contact, e.outcome(), contact.version() + 1), e);
            });
        }
        catch (RuntimeException ex) {
            restoreCoachLedger(contact.id());
            throw ex;
        }
        if (!holdsCoachTime(evaluated.outcome())) {
            // The loser of an overlap does not hold the time itself: later services (another member of the
            // same group) are judged against the service that won, not against a record already refused.
            coachLedgers.release(contact);
        }
        return evaluated;
    }

    /** Whether a signed contact holds its time on the coach's ledger: every one but the loser of an overlap. */
    private static boolean holdsCoachTime(BillingOutcome outcome) {
        return outcome == null || outcome.findings().stream().noneMatch(f -> f.code().equals("OVERLAPPING_SERVICE"));
    }

    /**
     * The ledger's entries with this contact's units and time as {@code outcome} says (none when not billable),
     * reserved for the contact at {@code contactVersion}.
     */
    private List<UnitLedger.Entry> withEntry(UnitLedger ledger, Contact contact, BillingOutcome outcome,
            long contactVersion) {
        List<UnitLedger.Entry> entries = new ArrayList<>(ledger.without(contact.id()));
        if (outcome.consumesUnits()) {
            entries.add(LedgerDrift.entryFor(contact, outcome, contactVersion, clock.instant()));
        }
        return entries;
    }

    /** Puts the coach's ledger back to what the stored contact says: its time held while signed, else none. */
    private void restoreCoachLedger(String contactId) {
        Contact stored = mongo.findById(contactId, Contact.class);
        if (stored.status() == Status.SIGNED && holdsCoachTime(stored.billing())) {
            coachLedgers.hold(stored);
        }
        else {
            coachLedgers.release(stored);
        }
    }

    /** A contact its author opened for a change, and its enrollee (for billing; never shown to a former coach). */
    private record Own(Contact contact, Enrollee enrollee) {
    }

    /**
     * The viewer's own contact: only the coach who delivered the service changes it, also after the client moved
     * to another coach (issue 10, item 4); the rule is {@link EnrolleeAccess#openAsAuthor}.
     */
    private Own ownContact(Viewer viewer, String contactId, String operation) {
        String id = Ids.require(contactId, "id");
        Contact contact = mongo.findById(id, Contact.class);
        Enrollee enrollee = access.openAsAuthor(viewer, "Contact", id, contact == null ? null : contact.enrolleeId(),
                contact == null ? null : contact.coachId(), operation);
        return new Own(contact, enrollee);
    }

    /**
     * The viewer's own contacts, also of clients now on another coach's caseload: exactly those
     * {@link EnrolleeAccess#isAuthor} lets them open one by one.
     */
    private static Criteria authoredBy(Viewer viewer) {
        return Criteria.where("coachId").is(viewer.personId()).and("organizationId").is(viewer.organizationId());
    }

    /**
     * Whether a request made against {@code expectedVersion} is a retry of the change that made {@code current}:
     * signing and voiding each add exactly one version, so the change it asked for is the last one made.
     */
    private static boolean isRetryOf(Contact current, long expectedVersion) {
        return current.version() == expectedVersion + 1;
    }

    private static void requireVersion(Contact current, long expected) {
        if (current.version() != expected) {
            throw DomainException.conflict("This contact was changed elsewhere (now version " + current.version()
                    + "). Reload and try again.", Map.of("currentVersion", current.version()));
        }
    }

    private Contact guarded(Contact current, long expectedVersion, Status expectedStatus, Update update) {
        Contact updated = mongo.findAndModify(Query.query(Criteria.where("_id").is(current.id())
                .and("version").is(expectedVersion).and("status").is(expectedStatus)), update,
                FindAndModifyOptions.options().returnNew(true), Contact.class);
        if (updated == null) {
            Contact now = mongo.findById(current.id(), Contact.class);
            throw DomainException.conflict("This contact was changed elsewhere (now version " + now.version()
                    + ", " + now.status().name().toLowerCase() + "). Reload and try again.",
                    Map.of("currentVersion", now.version()));
        }
        return updated;
    }

    /**
     * The contact update after the ledger changed. If it loses (someone else changed the contact meanwhile),
     * the ledger is put back to what the stored contact says, then the conflict is reported.
     */
    private Contact guardedOrReconcile(Contact current, long expectedVersion, Status expectedStatus, Update update) {
        try {
            return guarded(current, expectedVersion, expectedStatus, update);
        }
        catch (DomainException conflict) {
            Contact stored = mongo.findById(current.id(), Contact.class);
            ledgers.change(current.enrolleeId(), ledger -> new UnitLedgers.Decision<>(
                    stored.status() == Status.SIGNED && stored.billing() != null
                            ? withEntry(ledger, stored, stored.billing(), stored.version())
                            : ledger.without(stored.id()), null));
            restoreCoachLedger(stored.id());
            throw conflict;
        }
    }

    private void recordDisclosure(Viewer viewer, Enrollee enrollee, Contact contact, ContactPermission permission) {
        String disclosureId = UUID.nameUUIDFromBytes(("disclosure:" + contact.id()).getBytes(StandardCharsets.UTF_8))
                .toString();
        PersonContacted person = contact.personContacted();
        consents.recordContactDisclosure(viewer, enrollee, new RecordDisclosureInput(disclosureId, permission.consent().id(),
                contact.dateOfService(),
                person.informationShared() == null ? PARTICIPATION_DISCLOSED : person.informationShared(),
                person.informationShared() == null || person.includesSubstanceUseInformation(),
                contact.id()));
    }

    private HistoryEntry history(Viewer viewer, String action, String detail) {
        return new HistoryEntry(clock.instant(), viewer.personId(), action, detail);
    }

    private static String summary(BillingOutcome outcome) {
        return outcome.billable() ? "billable: " + outcome.units() + " unit(s) " + outcome.procedureCode()
                : "not billable: " + String.join(", ", outcome.findings().stream()
                        .filter(f -> f.severity().equals("BLOCKING")).map(BillingOutcome.Finding::code).toList());
    }

    private static void requireCoach(Viewer viewer) {
        if (!viewer.role().carriesCaseload()) {
            throw DomainException.forbidden("Only coaches and associates log contacts.");
        }
    }
}
