package org.peerpath.consent;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import org.peerpath.audit.AuditTrail;
import org.peerpath.consent.Consent.Recipient;
import org.peerpath.consent.Consent.Revocation;
import org.peerpath.consent.Consent.RevocationMethod;
import org.peerpath.consent.Consent.Signature;
import org.peerpath.consent.ConsentElements.Draft;
import org.peerpath.consent.ConsentElements.Element;
import org.peerpath.consent.ConsentElements.RecipientKind;
import org.peerpath.consent.ConsentElements.SignerKind;
import org.peerpath.consent.ConsentInputs.RecordConsentInput;
import org.peerpath.consent.ConsentInputs.RecordDisclosureInput;
import org.peerpath.consent.ConsentInputs.RecordExpirationEventInput;
import org.peerpath.consent.ConsentInputs.RevokeConsentInput;
import org.peerpath.database.CreateOnce;
import org.peerpath.database.IdPages;
import org.peerpath.database.Keyset;
import org.peerpath.graphql.Connection;
import org.peerpath.graphql.CountedConnection;
import org.peerpath.graphql.Dates;
import org.peerpath.graphql.PageRequest;
import org.peerpath.graphql.DomainException;
import org.peerpath.graphql.ErrorCode;
import org.peerpath.graphql.Ids;
import org.peerpath.graphql.InputProblems;
import org.peerpath.people.EmergencyContact;
import org.peerpath.people.Enrollee;
import org.peerpath.people.EnrolleeAccess;
import org.peerpath.people.PeopleDirectory;
import org.peerpath.security.Viewer;

/**
 * Consents and the disclosures made under them. The one place that decides whether information about an
 * enrollee may go to someone: the contacts and outreach features call {@link #mayContact} before reaching a
 * family member and {@link #recordDisclosure} when information was shared. Every read and change goes through
 * {@link EnrolleeAccess}, so it is audited and another caseload's records answer NOT_FOUND. Nothing here is
 * ever deleted; "today" is always the organization's calendar day.
 */
@Service
public class ConsentRegistry implements SmartInitializingSingleton {

    /** The coach's look-ahead for consents about to lapse (the issue: "expiring within 30 days"). */
    static final int EXPIRING_SOON_DAYS = 30;

    private final MongoTemplate mongo;
    private final EnrolleeAccess access;
    private final PeopleDirectory directory;
    private final AuditTrail trail;
    private final Clock clock;

    ConsentRegistry(MongoTemplate mongo, EnrolleeAccess access, PeopleDirectory directory, AuditTrail trail,
            Clock clock) {
        this.mongo = mongo;
        this.access = access;
        this.directory = directory;
        this.trail = trail;
        this.clock = clock;
    }

    @Override
    public void afterSingletonsInstantiated() {
        mongo.indexOps(Consent.class).createIndex(new Index().on("enrolleeId", Sort.Direction.ASC)
                .on("signedOn", Sort.Direction.DESC).named("enrollee_signed"));
        mongo.indexOps(Consent.class).createIndex(new Index().on("organizationId", Sort.Direction.ASC)
                .on("expiresOn", Sort.Direction.ASC).named("org_expires"));
        mongo.indexOps(Disclosure.class).createIndex(new Index().on("enrolleeId", Sort.Direction.ASC)
                .on("disclosedOn", Sort.Direction.DESC).named("enrollee_disclosed"));
    }

    /** Today in the viewer's organization's zone. */
    public LocalDate today(Viewer viewer) {
        return LocalDate.now(clock.withZone(directory.organizationOf(viewer).zone()));
    }

    // ---- consents -------------------------------------------------------------------------------------------

    /**
     * Staff record a signed consent. Idempotent on {@code input.id}. Refused with VALIDATION, listing every
     * missing element in {@code extensions.missingElements}, when any element of 42 CFR §2.31(a) is missing.
     */
    public Consent recordConsent(Viewer viewer, RecordConsentInput input) {
        new InputProblems().id(input.id(), "id").id(input.enrolleeId(), "enrolleeId").throwIfAny();
        Enrollee enrollee = access.openForStaff(viewer, input.enrolleeId(), "recordConsent");
        LocalDate today = today(viewer);
        InputProblems problems = new InputProblems();

        var recipientInput = input.recipient();
        EmergencyContact contact = null;
        if (recipientInput != null && recipientInput.emergencyContactId() != null) {
            problems.id(recipientInput.emergencyContactId(), "recipient.emergencyContactId");
            contact = enrollee.emergencyContacts().stream()
                    .filter(c -> c.id().equalsIgnoreCase(recipientInput.emergencyContactId())).findFirst().orElse(null);
            problems.check(contact == null, "'recipient.emergencyContactId' is not one of this enrollee's "
                    + "emergency contacts.");
            problems.check(recipientInput.kind() == RecipientKind.ORGANIZATION,
                    "An organization cannot be an emergency contact; leave 'recipient.emergencyContactId' out.");
        }
        // A recipient linked to an emergency contact takes what the form leaves out from the contact's record.
        RecipientKind kind = recipientInput == null ? null : recipientInput.kind();
        String recipientName = recipientInput == null ? null : orElse(recipientInput.name(),
                contact == null ? null : contact.name());
        String relationship = recipientInput == null ? null : orElse(recipientInput.relationship(),
                contact == null ? null : contact.relationship());
        String phone = recipientInput == null ? null : orElse(recipientInput.phone(),
                contact == null ? null : contact.phone());
        var signature = input.signature();
        Draft draft = new Draft(enrollee.firstName() + " " + enrollee.lastName(),
                directory.organizationOf(viewer).name(), kind, recipientName, relationship, phone, input.purpose(),
                input.informationScope(), input.includesSubstanceUseInformation(), input.revocationRights(),
                input.expiresOn(), input.expirationEvent(), signature == null ? null : signature.signerName(),
                signature == null ? null : signature.signedBy(),
                signature == null ? null : signature.representativeRelationship(), input.signedOn());

        maxLength(problems, recipientName, "recipient.name", 200);
        maxLength(problems, relationship, "recipient.relationship", 100);
        maxLength(problems, phone, "recipient.phone", 40);
        maxLength(problems, input.purpose(), "purpose", 1000);
        maxLength(problems, input.informationScope(), "informationScope", 2000);
        maxLength(problems, input.revocationRights(), "revocationRights", 2000);
        maxLength(problems, input.expirationEvent(), "expirationEvent", 500);
        maxLength(problems, draft.signerName(), "signature.signerName", 200);
        maxLength(problems, draft.signerRelationship(), "signature.representativeRelationship", 100);
        LocalDate signedOn = input.signedOn();
        LocalDate effectiveOn = input.effectiveOn() != null ? input.effectiveOn() : signedOn;
        if (signedOn != null) {
            problems.check(signedOn.isAfter(today), "'signedOn' must not be after today (" + today + ").");
            // 42 CFR §2.31(a)(9): a consent speaks from the date it is signed, never before.
            problems.check(input.effectiveOn() != null && input.effectiveOn().isBefore(signedOn),
                    "'effectiveOn' must not be before 'signedOn'.");
        }
        if (input.expiresOn() != null && effectiveOn != null) {
            problems.check(input.expiresOn().isBefore(effectiveOn),
                    "'expiresOn' must not be before the consent takes effect (" + effectiveOn + ").");
        }
        List<Element> missing = ConsentElements.missing(draft);
        rejectIfAny(problems, missing);

        Consent consent = new Consent(input.id(), viewer.organizationId(), enrollee.id(), draft.enrolleeName(),
                draft.disclosingOrganization(), new Recipient(kind, recipientName.trim(), trimmed(relationship),
                        trimmed(phone), contact == null ? null : contact.id()),
                input.purpose().trim(), input.informationScope().trim(), input.includesSubstanceUseInformation(),
                input.revocationRights().trim(), effectiveOn, input.expiresOn(), trimmed(input.expirationEvent()),
                null, new Signature(signature.signerName().trim(), signature.signedBy(),
                        signature.signedBy() == SignerKind.AUTHORIZED_REPRESENTATIVE
                                ? signature.representativeRelationship().trim() : null),
                signedOn, null, now(), viewer.personId(), CreateOnce.digest(viewer.personId(), input));
        return CreateOnce.insert(mongo, consent, consent.id(), Consent.class, Consent::creationDigest);
    }

    /**
     * Staff record the enrollee's written request to revoke (42 CFR §2.31(a)(6): the right to revoke in writing).
     * Effective today in the organization's zone. Revoking an already revoked consent changes nothing: the first
     * revocation stands, and a retried request gets the same answer.
     */
    public Consent revokeConsent(Viewer viewer, RevokeConsentInput input) {
        Consent consent = consentFor(viewer, input.consentId(), "revokeConsent", true);
        return revoke(viewer, consent, RevocationMethod.WRITTEN_REQUEST, input.note());
    }

    /** The enrollee revokes one of their own consents in the app (an electronic writing, 42 CFR §2.31(a)(6)). */
    public Consent revokeMyConsent(Viewer viewer, RevokeConsentInput input) {
        requireEnrollee(viewer);
        Consent consent = consentFor(viewer, input.consentId(), "revokeMyConsent", false);
        return revoke(viewer, consent, RevocationMethod.IN_APP, input.note());
    }

    private Consent revoke(Viewer viewer, Consent consent, RevocationMethod method, String note) {
        new InputProblems().check(note != null && note.length() > 1000, "'note' must be at most 1000 characters.")
                .throwIfAny();
        Revocation revocation = new Revocation(today(viewer), now(), method, viewer.personId(),
                viewer.role().name(), note == null || note.isBlank() ? null : note.trim());
        // One conditional update: only a consent not yet revoked is changed, so two revocations cannot both win.
        Consent revoked = mongo.findAndModify(Query.query(Criteria.where("_id").is(consent.id())
                .and("revocation").is(null)), new Update().set("revocation", revocation),
                FindAndModifyOptions.options().returnNew(true), Consent.class);
        return revoked != null ? revoked : mongo.findById(consent.id(), Consent.class);
    }

    /**
     * Staff record that the event a consent expires on has happened (42 CFR §2.31(a)(7): "date, event, or
     * condition"); the consent is expired from that day. Recorded once; a repeat changes nothing.
     */
    public Consent recordExpirationEvent(Viewer viewer, RecordExpirationEventInput input) {
        Consent consent = consentFor(viewer, input.consentId(), "recordConsentExpirationEvent", true);
        LocalDate today = today(viewer);
        new InputProblems().check(consent.expirationEvent() == null,
                        "This consent names no expiration event; it expires on " + consent.expiresOn() + ".")
                .check(input.occurredOn().isAfter(today), "'occurredOn' must not be after today (" + today + ").")
                .throwIfAny();
        Consent updated = mongo.findAndModify(Query.query(Criteria.where("_id").is(consent.id())
                .and("expirationEventOccurredOn").is(null)), new Update().set("expirationEventOccurredOn",
                        input.occurredOn()), FindAndModifyOptions.options().returnNew(true), Consent.class);
        return updated != null ? updated : mongo.findById(consent.id(), Consent.class);
    }

    /** Staff: an enrollee's consents, newest signature first, revoked and expired ones included. */
    public List<Consent> consents(Viewer viewer, String enrolleeId) {
        Enrollee enrollee = access.openForStaff(viewer, enrolleeId, "consents");
        return consentsOf(enrollee.id());
    }

    /** The signed-in enrollee's own consents. */
    public List<Consent> myConsents(Viewer viewer) {
        requireEnrollee(viewer);
        Enrollee self = access.open(viewer, viewer.personId(), "myConsents");
        return consentsOf(self.id());
    }

    /** Where one consent stands on {@code on} (today when null). The enrollee may ask about their own. */
    public ConsentStatus consentStatus(Viewer viewer, String consentId, LocalDate on) {
        Consent consent = consentFor(viewer, consentId, "consentStatus", false);
        return consent.statusOn(on != null ? on : today(viewer));
    }

    /**
     * Staff, before a contact or outreach attempt: may the person identified by {@code emergencyContactId} (one of
     * the enrollee's emergency contacts) or by {@code recipientName} be contacted on the enrollee's behalf on
     * {@code on} (today when null)? Michigan guidance V: family only with the client's written consent.
     */
    public ContactPermission mayContact(Viewer viewer, String enrolleeId, String emergencyContactId,
            String recipientName, LocalDate on) {
        Enrollee enrollee = access.openForStaff(viewer, enrolleeId, "mayContact");
        return mayContact(viewer, enrollee, emergencyContactId, recipientName, on);
    }

    /**
     * As {@link #mayContact(Viewer, String, String, String, LocalDate)} for an enrollee the caller has already
     * opened (and audited), e.g. through a contact its author may still sign after the client moved to another
     * coach: the answer decides billing and disclosure, it shows the author nothing of the consents.
     */
    public ContactPermission mayContact(Viewer viewer, Enrollee enrollee, String emergencyContactId,
            String recipientName, LocalDate on) {
        String contactId = Ids.optional(emergencyContactId, "emergencyContactId");
        String name = recipientName;
        if (contactId != null) {
            EmergencyContact contact = enrollee.emergencyContacts().stream().filter(c -> c.id().equals(contactId))
                    .findFirst().orElseThrow(() -> DomainException.validation(
                            "'emergencyContactId' is not one of this enrollee's emergency contacts."));
            name = recipientName != null && !recipientName.isBlank() ? recipientName : contact.name();
        }
        if (contactId == null && (name == null || name.isBlank())) {
            throw DomainException.validation("Give 'emergencyContactId' or 'recipientName'.");
        }
        return ContactPermission.decide(consentsOf(enrollee.id()), contactId, name, on != null ? on : today(viewer));
    }

    /**
     * Consents active today that expire within {@value #EXPIRING_SOON_DAYS} days (the expiration date within
     * today..today+30, organization zone), soonest first: a coach's caseload, or a supervisor's organization. Every
     * one at once (deprecated: {@link #expiringSoon(Viewer, PageRequest)}), read in pages.
     */
    public List<Consent> expiringSoon(Viewer viewer) {
        LocalDate today = today(viewer);
        List<Consent> expiring = new ArrayList<>();
        SOONEST_EXPIRING.forEach(mongo, expiringSoon(viewer, today), Consent.class, IdPages.SIZE, Consent.FIELDS,
                Consent::expiresOn, Consent::id, expiring::addAll);
        trail.allowed(viewer, "consentsExpiringSoon", expiring.stream().map(Consent::enrolleeId).distinct().toList());
        return expiring;
    }

    /**
     * How many consents {@link #expiringSoon(Viewer)} answers, and one page of them (keyset on the expiration
     * date and id): two queries whatever the organization's size; only the page's enrollees are audited.
     */
    public CountedConnection<Consent> expiringSoon(Viewer viewer, PageRequest page) {
        Criteria scope = expiringSoon(viewer, today(viewer));
        long count = mongo.count(Query.query(scope), Consent.class);
        CountedConnection<Consent> counted = CountedConnection.of(count, Connection.of(mongo.find(
                SOONEST_EXPIRING.query(scope, page), Consent.class), page,
                consent -> SOONEST_EXPIRING.cursor(consent.expiresOn(), consent.id())));
        trail.allowed(viewer, "consentsExpiringSoon",
                counted.nodes().stream().map(Consent::enrolleeId).distinct().toList());
        return counted;
    }

    private static final Keyset<LocalDate> SOONEST_EXPIRING = Keyset.ascending("expiresOn", Dates::date);

    /**
     * The consents ACTIVE on {@code today} (see {@link ConsentStatus#on}: in effect, not revoked, no expiration
     * event yet) whose expiration date is within {@value #EXPIRING_SOON_DAYS} days, as one query, so a page and
     * its count agree; a coach's caseload (bounded by a caseload) or the organization.
     */
    private Criteria expiringSoon(Viewer viewer, LocalDate today) {
        if (viewer.isEnrollee()) {
            throw DomainException.forbidden("This is for staff only.");
        }
        Criteria criteria = Criteria.where("organizationId").is(viewer.organizationId()).and("revocation").is(null)
                .and("expiresOn").gte(today).lte(today.plusDays(EXPIRING_SOON_DAYS)).and("effectiveOn").lte(today)
                .orOperator(Criteria.where("expirationEventOccurredOn").is(null),
                        Criteria.where("expirationEventOccurredOn").gt(today));
        if (!viewer.role().overseesOrganization()) {
            criteria = criteria.and("enrolleeId").in(directory.caseloadIds(viewer));
        }
        return criteria;
    }

    // ---- disclosures ----------------------------------------------------------------------------------------

    /**
     * Logs that information was shared under a consent (for the accounting of disclosures, 42 CFR §2.25).
     * Idempotent on {@code input.id}. Refused (VALIDATION, {@code extensions.reason = CONSENT_NOT_ACTIVE} with
     * {@code consentStatus}) unless the consent was ACTIVE on the date of the disclosure, and refused when
     * substance use information was shared under a consent that excludes it (42 CFR §2.31(a)(3)).
     */
    public Disclosure recordDisclosure(Viewer viewer, RecordDisclosureInput input) {
        InputProblems problems = new InputProblems().id(input.id(), "id").id(input.consentId(), "consentId")
                .text(input.informationShared(), "informationShared", 2000)
                .check(input.disclosedOn() == null, "'disclosedOn' is required.")
                .check(input.includesSubstanceUseInformation() == null,
                        "'includesSubstanceUseInformation' is required.");
        if (input.contactId() != null) {
            problems.id(input.contactId(), "contactId");
        }
        problems.throwIfAny();
        return record(viewer, consentFor(viewer, input.consentId(), "recordDisclosure", true), input);
    }

    /**
     * Logs the disclosure a signed contact made under {@code consentId}, for an enrollee the caller has already
     * opened (the contact's author, who may no longer see the enrollee's consents): as {@link #recordDisclosure}.
     */
    public Disclosure recordContactDisclosure(Viewer viewer, Enrollee opened, RecordDisclosureInput input) {
        Consent consent = mongo.findById(Ids.require(input.consentId(), "consentId"), Consent.class);
        if (consent == null || !consent.enrolleeId().equals(opened.id())) {
            throw DomainException.notFound("Consent " + input.consentId());
        }
        return record(viewer, consent, input);
    }

    private Disclosure record(Viewer viewer, Consent consent, RecordDisclosureInput input) {
        LocalDate today = today(viewer);
        new InputProblems().check(input.disclosedOn().isAfter(today),
                        "'disclosedOn' must not be after today (" + today + ").")
                .check(input.includesSubstanceUseInformation() && !consent.includesSubstanceUseInformation(),
                        "This consent does not cover substance use information (42 CFR §2.31(a)(3)).")
                .throwIfAny();
        ConsentStatus status = consent.statusOn(input.disclosedOn());
        if (status != ConsentStatus.ACTIVE) {
            String message = "Consent " + consent.id() + " was " + status + " on " + input.disclosedOn()
                    + "; nothing may be disclosed under it.";
            throw new DomainException(ErrorCode.VALIDATION, message, Map.of("reason", "CONSENT_NOT_ACTIVE",
                    "consentStatus", status.name(), "problems", List.of(message)));
        }
        Disclosure disclosure = new Disclosure(input.id(), viewer.organizationId(), consent.enrolleeId(),
                consent.id(), input.disclosedOn(), consent.recipient(), consent.purpose(),
                input.informationShared().trim(), input.includesSubstanceUseInformation(), input.contactId(),
                now(), viewer.personId(), CreateOnce.digest(viewer.personId(), input));
        return CreateOnce.insert(mongo, disclosure, disclosure.id(), Disclosure.class, Disclosure::creationDigest);
    }

    /** Staff: the disclosures of an enrollee's information, newest first. */
    public List<Disclosure> disclosures(Viewer viewer, String enrolleeId) {
        Enrollee enrollee = access.openForStaff(viewer, enrolleeId, "disclosures");
        return disclosuresOf(enrollee.id());
    }

    /** The enrollee's accounting of disclosures: who received what about them, when, under which consent. */
    public List<Disclosure> myDisclosures(Viewer viewer) {
        requireEnrollee(viewer);
        Enrollee self = access.open(viewer, viewer.personId(), "myDisclosures");
        return disclosuresOf(self.id());
    }

    // ---- batch look-ups for nested fields -------------------------------------------------------------------

    /** The consents of several enrollees, in one query; the caller has already opened their records. */
    Map<String, List<Consent>> consentsByEnrollee(Collection<String> enrolleeIds) {
        Map<String, List<Consent>> byEnrollee = new LinkedHashMap<>();
        enrolleeIds.forEach(id -> byEnrollee.put(id, new ArrayList<>()));
        mongo.find(Query.query(Criteria.where("enrolleeId").in(enrolleeIds)).with(Sort.by(Sort.Order.desc("signedOn"),
                Sort.Order.desc("recordedAt"))), Consent.class)
                .forEach(c -> byEnrollee.computeIfAbsent(c.enrolleeId(), k -> new ArrayList<>()).add(c));
        return byEnrollee;
    }

    private List<Consent> consentsOf(String enrolleeId) {
        return consentsByEnrollee(List.of(enrolleeId)).get(enrolleeId);
    }

    private List<Disclosure> disclosuresOf(String enrolleeId) {
        return mongo.find(Query.query(Criteria.where("enrolleeId").is(enrolleeId)).with(Sort.by(
                Sort.Order.desc("disclosedOn"), Sort.Order.desc("recordedAt"))), Disclosure.class);
    }

    /** A consent whose enrollee's record the viewer may open for {@code operation}; else as if unknown. */
    private Consent consentFor(Viewer viewer, String consentId, String operation, boolean staffOnly) {
        String id = Ids.require(consentId, "consentId");
        Consent consent = mongo.findById(id, Consent.class);
        access.openThrough(viewer, "Consent", id, consent == null ? null : consent.enrolleeId(), operation, staffOnly);
        return consent;
    }

    /** Every problem and every missing element in one VALIDATION error; the codes in {@code missingElements}. */
    private static void rejectIfAny(InputProblems problems, List<Element> missing) {
        if (!missing.isEmpty()) {
            problems.add("The consent lacks required elements (42 CFR §2.31(a)): " + String.join(", ",
                    missing.stream().map(Element::description).toList()) + ".");
        }
        try {
            problems.throwIfAny();
        }
        catch (DomainException ex) {
            throw new DomainException(ErrorCode.VALIDATION, ex.getMessage(), Map.of("problems",
                    ex.details().get("problems"), "missingElements", missing.stream().map(Element::name).toList()));
        }
    }

    /** The database keeps milliseconds: truncating here makes a first answer equal to its retries. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static void requireEnrollee(Viewer viewer) {
        if (!viewer.isEnrollee()) {
            throw DomainException.forbidden("Only the enrollee themself uses this.");
        }
    }

    private static void maxLength(InputProblems problems, String value, String field, int max) {
        problems.check(value != null && value.length() > max, "'" + field + "' must be at most " + max
                + " characters.");
    }

    private static String orElse(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    private static String trimmed(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
