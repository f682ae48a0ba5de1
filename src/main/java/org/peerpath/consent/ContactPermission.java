package org.peerpath.consent;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Whether a person may be contacted on an enrollee's behalf on a date, and the consent that allows it.
 * Michigan guidance V: recovery coaches use letters and phone calls to family members only "with permission and
 * written consent from clients"; 42 CFR §2.31 makes that consent name the recipient. Pure.
 */
public record ContactPermission(boolean allowed, Consent consent, Reason reason) {

    public enum Reason {
        /** An active consent names this person. */
        CONSENT_ACTIVE,
        /** No consent of the enrollee names this person. */
        NO_CONSENT,
        /** The latest consent naming this person was revoked. */
        CONSENT_REVOKED,
        /** The latest consent naming this person has expired. */
        CONSENT_EXPIRED,
        /** The consent naming this person is not in effect yet. */
        CONSENT_NOT_YET_VALID,
        /** The consent naming this person does not cover what was disclosed (42 CFR §2.31(a)(3)). */
        CONSENT_EXCLUDES_INFORMATION
    }

    /**
     * Decides from {@code consents} (all of one enrollee's consents) whether the recipient identified by
     * {@code emergencyContactId} or by {@code name} may be contacted on {@code date}. A consent names the
     * recipient when it is linked to that emergency contact or names them (case and spacing ignored).
     * When none is active, the most recently signed one that names them explains why.
     */
    public static ContactPermission decide(List<Consent> consents, String emergencyContactId, String name,
            LocalDate date) {
        List<Consent> naming = consents.stream().filter(c -> names(c, emergencyContactId, name))
                .sorted(Comparator.comparing(Consent::signedOn).thenComparing(Consent::recordedAt).reversed())
                .toList();
        for (Consent consent : naming) {
            if (consent.statusOn(date) == ConsentStatus.ACTIVE) {
                return new ContactPermission(true, consent, Reason.CONSENT_ACTIVE);
            }
        }
        if (naming.isEmpty()) {
            return new ContactPermission(false, null, Reason.NO_CONSENT);
        }
        Consent latest = naming.get(0);
        Reason reason = switch (latest.statusOn(date)) {
            case REVOKED -> Reason.CONSENT_REVOKED;
            case EXPIRED -> Reason.CONSENT_EXPIRED;
            case NOT_YET_VALID, ACTIVE -> Reason.CONSENT_NOT_YET_VALID;
        };
        return new ContactPermission(false, latest, reason);
    }

    static boolean names(Consent consent, String emergencyContactId, String name) {
        Consent.Recipient recipient = consent.recipient();
        if (emergencyContactId != null && emergencyContactId.equals(recipient.emergencyContactId())) {
            return true;
        }
        return name != null && !name.isBlank() && normalized(name).equals(normalized(recipient.name()));
    }

    private static String normalized(String name) {
        return name == null ? "" : name.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
}
