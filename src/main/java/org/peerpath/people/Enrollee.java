package org.peerpath.people;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A person receiving peer recovery services from one organization, assigned to at most one coach.
 * {@code sortName} and {@code searchText} are derived, stored only so lists can be paged and searched in the
 * database.
 */
@Document("enrollees")
public record Enrollee(@Id String id, String organizationId, String firstName, String lastName, String preferredName,
        LocalDate dateOfBirth, String medicaidId, List<FundingSource> fundingSources, ProgramStatus status,
        LocalDate enrolledOn, LocalDate dischargedOn, boolean inStandAloneServices, LocalDate acuteTreatmentEndedOn,
        String coachId, List<EmergencyContact> emergencyContacts, boolean parentOrGuardianOfChild,
        Eligibility eligibility, String sortName, String searchText, long version, Instant createdAt,
        String creationDigest) {

    public Enrollee {
        fundingSources = fundingSources == null ? List.of() : List.copyOf(fundingSources);
        emergencyContacts = emergencyContacts == null ? List.of() : List.copyOf(emergencyContacts);
    }

    static String sortNameOf(String firstName, String lastName) {
        return (lastName + " " + firstName).toLowerCase(Locale.ROOT);
    }

    static String searchTextOf(String firstName, String lastName, String preferredName, String medicaidId) {
        return String.join(" ", firstName, lastName, preferredName == null ? "" : preferredName,
                medicaidId == null ? "" : medicaidId).toLowerCase(Locale.ROOT);
    }

    public String displayName() {
        return (preferredName != null && !preferredName.isBlank() ? preferredName : firstName) + " " + lastName;
    }
}
