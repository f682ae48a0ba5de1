package org.peerpath.contacts;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.peerpath.billing.BillingCase.ContactType;
import org.peerpath.billing.BillingCase.Setting;
import org.peerpath.contacts.Contact.HistoryEntry;
import org.peerpath.contacts.Contact.Status;
import org.peerpath.contacts.LedgerDrift.Kind;

import static org.assertj.core.api.Assertions.assertThat;

/** What {@link LedgerDrift} repairs, and what it leaves alone (issue 18, item 1). */
class LedgerDriftTest {

    private static final Instant NOW = Instant.parse("2026-06-10T15:00:00Z");
    private static final Instant LONG_AGO = NOW.minus(Duration.ofHours(2));
    private static final Duration GRACE = Duration.ofMinutes(5);
    private static final LocalDate DAY = LocalDate.of(2026, 6, 8);
    private static final Map<String, Integer> AUTHORIZED = Map.of("A", 10);

    @Test
    void aLedgerThatAgreesWithItsContactsIsLeftAsItIs() {
        Contact signed = contact("c1", Status.SIGNED, 4, "A", 1);
        // A supervisor's approval moved the contact on without touching the ledger: still in agreement.
        Contact approved = contact("c2", Status.SIGNED, 2, "A", 3);
        List<UnitLedger.Entry> entries = List.of(entry("c1", 4, "A", 1L, LONG_AGO), entry("c2", 2, "A", 2L, LONG_AGO));

        LedgerDrift.Plan plan = reconcile(entries, signed, approved);

        assertThat(plan.repairs()).isEmpty();
        assertThat(plan.entries()).isEqualTo(entries);
    }

    @Test
    void theReservationOfASigningThatNeverWroteItsContactIsReleased() {
        Contact draft = contact("c1", Status.DRAFT, 4, "A", 0);

        LedgerDrift.Plan plan = reconcile(List.of(entry("c1", 4, "A", 1L, LONG_AGO)), draft);

        assertThat(plan.entries()).isEmpty();
        assertThat(plan.repairs()).singleElement().satisfies(r -> {
            assertThat(r.kind()).isEqualTo(Kind.RELEASED);
            assertThat(r.units()).isEqualTo(4);
            assertThat(r.detail()).contains("c1", "draft");
        });
    }

    @Test
    void theReservationOfAVoidThatNeverReleasedIsReleased() {
        LedgerDrift.Plan plan = reconcile(List.of(entry("c1", 2, "A", 1L, LONG_AGO)),
                contact("c1", Status.VOIDED, 2, "A", 2));

        assertThat(plan.entries()).isEmpty();
        assertThat(plan.repairs()).extracting(LedgerDrift.Repair::kind).containsExactly(Kind.RELEASED);
    }

    @Test
    void aChangeYoungerThanTheGracePeriodMayStillBeInFlightAndIsLeftAlone() {
        Contact draft = contact("c1", Status.DRAFT, 4, "A", 0);
        Contact justVoided = withHistoryAt(contact("c2", Status.VOIDED, 2, "A", 2), NOW.minusSeconds(10));
        Contact justSigned = withHistoryAt(contact("c3", Status.SIGNED, 2, "A", 1), NOW.minusSeconds(10));
        List<UnitLedger.Entry> entries = List.of(entry("c1", 4, "A", 1L, NOW.minusSeconds(30)),
                entry("c2", 2, "A", 1L, LONG_AGO));

        LedgerDrift.Plan plan = reconcile(entries, draft, justVoided, justSigned);

        assertThat(plan.repairs()).isEmpty();
        assertThat(plan.entries()).isEqualTo(entries);
    }

    @Test
    void aSignedBillableContactWithoutItsReservationIsChargedWhenItFits() {
        LedgerDrift.Plan plan = reconcile(List.of(entry("c0", 6, "A", 1L, LONG_AGO)),
                contact("c0", Status.SIGNED, 6, "A", 1), contact("c1", Status.SIGNED, 4, "A", 1));

        assertThat(plan.repairs()).singleElement().satisfies(r -> {
            assertThat(r.kind()).isEqualTo(Kind.CHARGED);
            assertThat(r.contactId()).isEqualTo("c1");
        });
        assertThat(plan.entries()).extracting(UnitLedger.Entry::contactId).containsExactly("c0", "c1");
        assertThat(plan.entries().get(1).units()).isEqualTo(4);
        assertThat(plan.entries().get(1).contactVersion()).isEqualTo(1L);
    }

    @Test
    void aSignedContactWhoseUnitsNoLongerFitIsNotChargedButMarked() {
        // 10 units authorized, 8 already reserved for another contact: the lost 4 do not fit.
        List<UnitLedger.Entry> entries = List.of(entry("c0", 8, "A", 1L, LONG_AGO));

        LedgerDrift.Plan plan = reconcile(entries, contact("c0", Status.SIGNED, 8, "A", 1),
                contact("c1", Status.SIGNED, 4, "A", 1));

        assertThat(plan.entries()).isEqualTo(entries);
        assertThat(plan.repairs()).singleElement().satisfies(r -> {
            assertThat(r.kind()).isEqualTo(Kind.UNITS_NOT_RESERVED);
            assertThat(r.detail()).contains("c1", "authorization A has 2 of its 10 units left");
        });
    }

    @Test
    void anAuthorizationNotOnRecordTakesNoUnits() {
        LedgerDrift.Plan plan = reconcile(List.of(), contact("c1", Status.SIGNED, 4, "GONE", 1));

        assertThat(plan.repairs()).extracting(LedgerDrift.Repair::kind).containsExactly(Kind.UNITS_NOT_RESERVED);
    }

    @Test
    void aReservationForAnAmendmentNeverWrittenIsReplacedByWhatTheContactSays() {
        // The amendment reserved 2 units for version 2; the contact is still version 1 with 4 units.
        LedgerDrift.Plan plan = reconcile(List.of(entry("c1", 2, "A", 2L, LONG_AGO)),
                contact("c1", Status.SIGNED, 4, "A", 1));

        assertThat(plan.repairs()).extracting(LedgerDrift.Repair::kind).containsExactly(Kind.CORRECTED);
        assertThat(plan.entries()).singleElement().satisfies(e -> {
            assertThat(e.units()).isEqualTo(4);
            assertThat(e.contactVersion()).isEqualTo(1L);
        });
    }

    @Test
    void openingBalancesAreNotContactsAndStay() {
        UnitLedger.Entry balance = new UnitLedger.Entry(OpeningBalance.ledgerKey("b1"), DAY, 100, null, null, null,
                null, null, null, null);

        LedgerDrift.Plan plan = reconcile(List.of(balance));

        assertThat(plan.repairs()).isEmpty();
        assertThat(plan.entries()).containsExactly(balance);
    }

    @Test
    void indianaUnitsWithoutAuthorizationMustFitEveryRollingWindowHoldingTheirDay() {
        // 1,440 units counted on a later day: the window ending then would hold 1,488 with the lost contact.
        UnitLedger.Entry later = new UnitLedger.Entry(OpeningBalance.ledgerKey("b1"), DAY.plusDays(40), 1_440, null,
                null, null, null, null, null, null);
        Contact backDated = indiana(contact("c1", Status.SIGNED, 48, null, 1));

        LedgerDrift.Plan plan = reconcile(List.of(later), backDated);

        assertThat(plan.repairs()).singleElement().satisfies(r -> {
            assertThat(r.kind()).isEqualTo(Kind.UNITS_NOT_RESERVED);
            assertThat(r.detail()).contains("rolling window " + DAY.plusDays(40).minusYears(1).plusDays(1) + " to "
                    + DAY.plusDays(40), "20 of its 1460 units left");
        });
    }

    private static LedgerDrift.Plan reconcile(List<UnitLedger.Entry> entries, Contact... contacts) {
        return LedgerDrift.reconcile(entries, List.of(contacts), new HashMap<>(AUTHORIZED), NOW, GRACE);
    }

    private static UnitLedger.Entry entry(String contactId, int units, String authorizationId, Long version,
            Instant reservedAt) {
        return new UnitLedger.Entry(contactId, DAY, units, authorizationId, "coach", Setting.INDIVIDUAL,
                DAY.atTime(10, 0).toInstant(java.time.ZoneOffset.UTC),
                DAY.atTime(11, 0).toInstant(java.time.ZoneOffset.UTC), version, reservedAt);
    }

    private static Contact contact(String id, Status status, int units, String authorizationId, long version) {
        BillingOutcome billing = new BillingOutcome(true, "T1012", List.of(), units, units * 15, "MEDICAID",
                authorizationId, DAY, List.of(), "MI", "WHOLE_QUARTERS");
        return new Contact(id, "org", "enrollee", "coach", ContactType.FACE_TO_FACE, true, Setting.INDIVIDUAL, null,
                DAY.atTime(10, 0).toInstant(java.time.ZoneOffset.UTC),
                DAY.atTime(11, 0).toInstant(java.time.ZoneOffset.UTC), DAY, null, null, null, null, "narrative",
                false, null, null, null, status, null, "coach", null, null, billing, false, null,
                List.of(new HistoryEntry(LONG_AGO, "coach", status.name(), null)), version, LONG_AGO, null, null,
                null);
    }

    private static Contact withHistoryAt(Contact c, Instant at) {
        return new Contact(c.id(), c.organizationId(), c.enrolleeId(), c.coachId(), c.type(), c.clientPresent(),
                c.setting(), c.groupFormat(), c.start(), c.end(), c.dateOfService(), c.placeOfService(),
                c.privateAreaUsed(), c.activities(), c.supportTypes(), c.narrative(), c.narrativePrivate(),
                c.goalIds(), c.personContacted(), c.directedToChildBenefit(), c.status(), c.signedAt(),
                c.signedBy(), c.addenda(), c.voidReason(), c.billing(), c.flaggedForReview(), c.lateEntry(),
                List.of(new HistoryEntry(at, "coach", c.status().name(), null)), c.version(), c.createdAt(),
                c.creationDigest(), c.review(), c.groupSessionId());
    }

    private static Contact indiana(Contact c) {
        BillingOutcome b = c.billing();
        BillingOutcome inIndiana = new BillingOutcome(b.billable(), "H0038", b.modifiers(), b.units(), b.minutes(),
                b.fundingSource(), b.authorizationId(), b.dateOfService(), b.findings(), "IN", "MIDPOINT");
        return c.withBilling(inIndiana, false, null);
    }
}
