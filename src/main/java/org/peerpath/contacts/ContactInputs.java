package org.peerpath.contacts;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.peerpath.billing.BillingCase.Activity;
import org.peerpath.billing.BillingCase.ContactType;
import org.peerpath.billing.BillingCase.GroupFormat;
import org.peerpath.billing.BillingCase.PlaceOfService;
import org.peerpath.billing.BillingCase.Setting;
import org.peerpath.billing.BillingCase.SupportType;

/** The inputs of the contact operations, as graphql/contacts.graphqls defines them. */
final class ContactInputs {

    private ContactInputs() {
    }

    record PersonContactedInput(String name, String relationship, String emergencyContactId, String informationShared,
            Boolean includesSubstanceUseInformation) {
    }

    record LogContactInput(String id, String enrolleeId, ContactType type, Boolean clientPresent, Setting setting,
            GroupFormat groupFormat, Instant start, Instant end, PlaceOfService placeOfService,
            Boolean privateAreaUsed, List<Activity> activities, List<SupportType> supportTypes, String narrative,
            Boolean narrativePrivate, List<String> goalIds, PersonContactedInput personContacted,
            Boolean directedToChildBenefit, String lateEntryReason) {
    }

    record UpdateContactDraftInput(String id, long expectedVersion, ContactType type, Boolean clientPresent,
            Setting setting, GroupFormat groupFormat, Instant start, Instant end, PlaceOfService placeOfService,
            Boolean privateAreaUsed, List<Activity> activities, List<SupportType> supportTypes, String narrative,
            Boolean narrativePrivate, List<String> goalIds, PersonContactedInput personContacted,
            Boolean directedToChildBenefit, String lateEntryReason) {
    }

    record SignContactInput(String id, long expectedVersion, String lateEntryReason) {
    }

    record AmendContactInput(String id, long expectedVersion, String addendumId, String reason, String text,
            Instant end, List<Activity> activities, List<SupportType> supportTypes) {
    }

    record VoidContactInput(String id, long expectedVersion, String reason) {
    }

    record ContactFilter(LocalDate from, LocalDate to, ContactType type, Boolean billable, Boolean signed) {
    }
}
