package org.peerpath.contacts;

import java.time.Instant;
import java.time.LocalDate;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * Units an enrollee used before {@code usedBefore}, elsewhere or before PeerPath (issue 10, item 3): against an
 * authorization, or (no authorization) against Indiana's rolling 12-month allowance. An administrator enters it
 * once with its source; the enrollee's {@link UnitLedger} counts it as one entry dated the day before
 * {@code usedBefore}, exactly like the units of a signed contact.
 */
@Document("openingBalances")
record OpeningBalance(@Id String id, String organizationId, String enrolleeId, String authorizationId,
        LocalDate usedBefore, int units, String source, String note, String enteredBy, Instant enteredAt,
        String creationDigest) {

    /** The key of this balance's entry in the ledger, where contacts use their own id. */
    String ledgerKey() {
        return ledgerKey(id);
    }

    static String ledgerKey(String id) {
        return "opening-balance:" + id;
    }

    /** The day the units count as used: the last day before {@code usedBefore}. */
    LocalDate countedOn() {
        return usedBefore.minusDays(1);
    }

    /** Units without a time, coach or setting: no service to overlap with (CMS FAQ A1 judges services). */
    UnitLedger.Entry ledgerEntry() {
        return new UnitLedger.Entry(ledgerKey(), countedOn(), units, authorizationId, null, null, null, null, null,
                null);
    }

    /** The input of {@code recordOpeningBalance}. */
    record RecordOpeningBalanceInput(String id, String enrolleeId, String authorizationId, LocalDate usedBefore,
            Integer units, String source, String note) {
    }
}
