package org.peerpath.reminders;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import org.peerpath.reminders.Notification.Kind;

/**
 * The reminders an organization may switch on besides the monthly face-to-face (issue 6), as data: what each is
 * about, how far ahead or behind it looks, and the ledger ids that make it go out once. Pure: dates are the
 * organization's local dates.
 *
 * <p>Each item is reminded once, ever, for its stage ({@code draft:<contactId>:unsigned-2d},
 * {@code consent:<consentId>:expiring-14d}, {@code certification:<staffId>:<certId>:expiring-30d}): a draft left
 * unsigned is not reminded again every day, which would teach coaches to ignore the push; the drafts list in the
 * app keeps showing it. A consent's expiration date never changes and a renewed certification is a new
 * certification, so one claim per item is enough. A coach gets at most one digest of each kind per local day
 * ({@code daily:<coachId>:<KIND>:<date>}); items found later that day wait for the next day's send time.
 */
enum OptionalReminder {

    /** The coach's own drafts created or started two local days ago or earlier, still unsigned. */
    UNSIGNED_DRAFTS(Kind.DRAFTS_UNSIGNED, 2, "unsigned-2d"),
    /** Active consents of the coach's caseload whose last day is within 14 days of today. */
    EXPIRING_CONSENTS(Kind.CONSENTS_EXPIRING, 14, "expiring-14d"),
    /** The coach's own certifications whose last valid day is within 30 days of today. */
    EXPIRING_CERTIFICATIONS(Kind.CERTIFICATION_EXPIRING, 30, "expiring-30d");

    private final Kind kind;
    private final int days;
    private final String stage;

    OptionalReminder(Kind kind, int days, String stage) {
        this.kind = kind;
        this.days = days;
        this.stage = stage;
    }

    Kind kind() {
        return kind;
    }

    /** Whether the organization switched this reminder on. */
    boolean isOn(ReminderSettings settings) {
        return switch (this) {
            case UNSIGNED_DRAFTS -> settings.remindUnsignedDrafts();
            case EXPIRING_CONSENTS -> settings.remindExpiringConsents();
            case EXPIRING_CERTIFICATIONS -> settings.remindExpiringCertifications();
        };
    }

    /**
     * Drafts created or started before this instant are overdue on {@code today}: the start of the local day
     * {@code days - 1} before today, so a draft of the 13th is overdue from the start of the 15th.
     */
    Instant draftsBefore(LocalDate today, ZoneId zone) {
        return today.minusDays(days - 1L).atStartOfDay(zone).toInstant();
    }

    /** The last expiration date reminded about on {@code today} (today included: "within 14 days"). */
    LocalDate expiringThrough(LocalDate today) {
        return today.plusDays(days);
    }

    /** The ledger id of one item for this reminder: {@code draft:<contactId>:unsigned-2d} and so on. */
    String claimId(String... itemKey) {
        String prefix = switch (this) {
            case UNSIGNED_DRAFTS -> "draft";
            case EXPIRING_CONSENTS -> "consent";
            case EXPIRING_CERTIFICATIONS -> "certification";
        };
        return prefix + ":" + String.join(":", itemKey) + ":" + stage;
    }

    /** The ledger id limiting a recipient to one digest of this kind per local day. */
    String dailyId(String recipientId, LocalDate day) {
        return "daily:" + recipientId + ":" + kind + ":" + day;
    }
}
