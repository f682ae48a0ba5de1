package org.peerpath.people;

import java.time.LocalDate;

/**
 * A credential on a staff record. {@code type} is stored as text (records from before {@link CertificationType}
 * hold free text); {@link #kind()} is what it stands for. Billing needs the pack's credential active on the date
 * of service.
 */
public record Certification(String id, String type, String number, String issuingState, LocalDate validFrom,
        LocalDate validTo) {

    public CertificationType kind() {
        return CertificationType.fromStored(type);
    }

    public boolean activeOn(LocalDate date) {
        return !date.isBefore(validFrom) && (validTo == null || !date.isAfter(validTo));
    }
}
