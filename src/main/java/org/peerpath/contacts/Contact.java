package org.peerpath.contacts;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import org.peerpath.billing.BillingCase.Activity;
import org.peerpath.billing.BillingCase.ContactType;
import org.peerpath.billing.BillingCase.GroupFormat;
import org.peerpath.billing.BillingCase.PlaceOfService;
import org.peerpath.billing.BillingCase.Setting;
import org.peerpath.billing.BillingCase.SupportType;

/**
 * One contact a coach logged: a draft until signed; once signed never edited in place (addenda instead);
 * voided with a reason, never deleted. Carries the billing evaluation last made for it and its history. An
 * attendee's contact of a group session names it ({@code groupSessionId}; issue 12, item 3): it is logged, changed
 * and signed through its {@link GroupSession}, voided and amended like any other contact.
 */
@Document("contacts")
record Contact(@Id String id, String organizationId, String enrolleeId, String coachId, ContactType type,
        boolean clientPresent, Setting setting, GroupFormat groupFormat, Instant start, Instant end,
        LocalDate dateOfService, PlaceOfService placeOfService, Boolean privateAreaUsed, Set<Activity> activities,
        Set<SupportType> supportTypes, String narrative, boolean narrativePrivate, List<String> goalIds,
        PersonContacted personContacted, Boolean directedToChildBenefit, Status status, Instant signedAt,
        String signedBy, List<Addendum> addenda, String voidReason, BillingOutcome billing,
        boolean flaggedForReview, LateEntry lateEntry, List<HistoryEntry> history, long version, Instant createdAt,
        String creationDigest, Review review, String groupSessionId) {

    Contact {
        activities = activities == null ? Set.of() : Set.copyOf(activities);
        supportTypes = supportTypes == null ? Set.of() : Set.copyOf(supportTypes);
        goalIds = goalIds == null ? List.of() : List.copyOf(goalIds);
        addenda = addenda == null ? List.of() : List.copyOf(addenda);
        history = history == null ? List.of() : List.copyOf(history);
    }

    enum Status {
        DRAFT,
        SIGNED,
        VOIDED
    }

    /**
     * Whether this contact counts as billable now: billing says so and no supervisor's review is pending
     * ({@link Review}; issue 12, item 1).
     */
    boolean billableNow() {
        return billing != null && billing.billable() && status == Status.SIGNED
                && (review == null || review.cleared());
    }

    /**
     * The person a collateral contact reached, and what the coach disclosed to them about the enrollee (42 CFR
     * Part 2: the disclosure log and the enrollee's accounting of disclosures show it).
     */
    record PersonContacted(String name, String relationship, String emergencyContactId, String informationShared,
            boolean includesSubstanceUseInformation) {
    }

    /**
     * The mark of a late entry (issue 11, item 7): the contact was documented more than the organization's
     * late-entry limit after its date of service. Judged when logged or edited, and again, decisively, when
     * signed (signing makes the note: a draft logged on time and signed late is a late entry).
     *
     * @param reason why it was entered late, as the coach gave it
     * @param daysAfterService calendar days (organization's zone) from the date of service to {@code judgedAt}
     * @param lateEntryDays the organization's late-entry limit then
     * @param judgedAt when it was judged: logging, the last draft edit, or signing
     * @param atSigning whether {@code judgedAt} is the signing
     */
    record LateEntry(String reason, long daysAfterService, int lateEntryDays, Instant judgedAt, boolean atSigning) {
    }

    /** A correction or addition to a signed contact; the original text stays as it was. */
    record Addendum(String id, Instant at, String by, String reason, String text) {
    }

    /** Who did what, when: the contact's history, kept on the record itself. */
    record HistoryEntry(Instant at, String by, String action, String detail) {
    }

    /** This contact as signed by {@code coachId} at {@code at}: what billing evaluates when it is signed. */
    Contact signed(Instant at, String coachId) {
        return new Contact(id, organizationId, enrolleeId, this.coachId, type, clientPresent, setting, groupFormat,
                start, end, dateOfService, placeOfService, privateAreaUsed, activities, supportTypes, narrative,
                narrativePrivate, goalIds, personContacted, directedToChildBenefit, Status.SIGNED, at, coachId,
                addenda, voidReason, billing, flaggedForReview, lateEntry, history, version, createdAt,
                creationDigest, review, groupSessionId);
    }

    /** This contact with an addendum's corrections (null: unchanged); the narrative itself never changes. */
    Contact corrected(Instant newEnd, Set<Activity> newActivities, Set<SupportType> newSupportTypes) {
        return new Contact(id, organizationId, enrolleeId, coachId, type, clientPresent, setting, groupFormat, start,
                newEnd == null ? end : newEnd, dateOfService, placeOfService, privateAreaUsed,
                newActivities == null ? activities : newActivities,
                newSupportTypes == null ? supportTypes : newSupportTypes, narrative, narrativePrivate, goalIds,
                personContacted, directedToChildBenefit, status, signedAt, signedBy, addenda, voidReason, billing,
                flaggedForReview, lateEntry, history, version, createdAt, creationDigest, review, groupSessionId);
    }

    /** This contact with a (new) billing evaluation and the creating request's digest. */
    Contact withBilling(BillingOutcome outcome, boolean flagged, String digest) {
        return new Contact(id, organizationId, enrolleeId, coachId, type, clientPresent, setting, groupFormat, start,
                end, dateOfService, placeOfService, privateAreaUsed, activities, supportTypes, narrative,
                narrativePrivate, goalIds, personContacted, directedToChildBenefit, status, signedAt, signedBy, addenda,
                voidReason, outcome, flagged, lateEntry, history, version, createdAt, digest, review, groupSessionId);
    }

    /** This contact with its late-entry mark as judged now (null: on time). */
    Contact withLateEntry(LateEntry mark) {
        return new Contact(id, organizationId, enrolleeId, coachId, type, clientPresent, setting, groupFormat, start,
                end, dateOfService, placeOfService, privateAreaUsed, activities, supportTypes, narrative,
                narrativePrivate, goalIds, personContacted, directedToChildBenefit, status, signedAt, signedBy, addenda,
                voidReason, billing, flaggedForReview, mark, history, version, createdAt, creationDigest, review, groupSessionId);
    }

    /** Whether the contact is marked as a late entry (the API's {@code Contact.late}). */
    public boolean late() {
        return lateEntry != null;
    }
}
