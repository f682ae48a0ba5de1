package org.peerpath.people;

import java.time.LocalDate;

/** A peer certification (CPRS, CRS, CPSP, ...); billing needs one active on the date of service. */
public record Certification(String id, String type, String number, String issuingState, LocalDate validFrom,
        LocalDate validTo) {

    public boolean activeOn(LocalDate date) {
        return !date.isBefore(validFrom) && (validTo == null || !date.isAfter(validTo));
    }
}
