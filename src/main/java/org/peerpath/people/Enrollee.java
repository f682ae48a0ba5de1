package org.peerpath.people;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A person receiving peer recovery services from one organization, assigned to at most one coach.
 * {@code sortName} and {@code searchText} are derived, stored only so lists can be paged and searched in the
 * database.
 *
 * <p>{@code episodes} is the enrollment history (referral, enrolment, discharge, readmission), oldest first, and
 * decides who is enrolled on which day. {@code status}, {@code enrolledOn} and {@code dischargedOn} repeat the
 * latest episode as of the last write, stored only so lists can be filtered in the database; a record written
 * before episodes existed gets its one episode from those fields.
 *
 * <p>A parent or legal guardian served for a child enrollee (CMS FAQ A5; TennCare policy) has
 * {@code parentOrGuardianOfChild} set and names the child in {@code childEnrolleeId}: a Medicaid-eligible minor of
 * the same organization when linked. A record written before children were named may have the flag without the id.
 */
@Document("enrollees")
public record Enrollee(@Id String id, String organizationId, String firstName, String lastName, String preferredName,
        LocalDate dateOfBirth, String medicaidId, List<FundingSource> fundingSources, ProgramStatus status,
        LocalDate enrolledOn, LocalDate dischargedOn, boolean inStandAloneServices, LocalDate acuteTreatmentEndedOn,
        String coachId, List<EmergencyContact> emergencyContacts, boolean parentOrGuardianOfChild,
        String childEnrolleeId, Eligibility eligibility, String sortName, String searchText, long version,
        Instant createdAt, String creationDigest, List<EnrollmentEpisode> episodes) {

    @PersistenceCreator
    public Enrollee {
        fundingSources = fundingSources == null ? List.of() : List.copyOf(fundingSources);
        emergencyContacts = emergencyContacts == null ? List.of() : List.copyOf(emergencyContacts);
        episodes = episodes == null || episodes.isEmpty() ? List.of(firstEpisode(id, status, enrolledOn, dischargedOn))
                : List.copyOf(episodes);
    }

    /**
     * The fields that say who is enrolled when and what they need (episodes, dates, stand-alone services), with
     * the coach: what the jobs read of each enrollee (issue 16). Primitives are read so the record can be built.
     */
    public static final List<String> ENROLMENT_FIELDS = List.of("organizationId", "coachId", "status", "enrolledOn",
            "dischargedOn", "episodes", "dateOfBirth", "inStandAloneServices", "acuteTreatmentEndedOn",
            "parentOrGuardianOfChild", "version");

    /** A new record: its first episode comes from the status and dates it was created with. */
    public Enrollee(String id, String organizationId, String firstName, String lastName, String preferredName,
            LocalDate dateOfBirth, String medicaidId, List<FundingSource> fundingSources, ProgramStatus status,
            LocalDate enrolledOn, LocalDate dischargedOn, boolean inStandAloneServices, LocalDate acuteTreatmentEndedOn,
            String coachId, List<EmergencyContact> emergencyContacts, boolean parentOrGuardianOfChild,
            String childEnrolleeId, Eligibility eligibility, String sortName, String searchText, long version,
            Instant createdAt, String creationDigest) {
        this(id, organizationId, firstName, lastName, preferredName, dateOfBirth, medicaidId, fundingSources, status,
                enrolledOn, dischargedOn, inStandAloneServices, acuteTreatmentEndedOn, coachId, emergencyContacts,
                parentOrGuardianOfChild, childEnrolleeId, eligibility, sortName, searchText, version, createdAt,
                creationDigest, null);
    }

    private static EnrollmentEpisode firstEpisode(String id, ProgramStatus status, LocalDate enrolledOn,
            LocalDate dischargedOn) {
        boolean discharged = status == ProgramStatus.DISCHARGED || dischargedOn != null;
        return new EnrollmentEpisode(id, null, status == ProgramStatus.REFERRED && !discharged ? null : enrolledOn,
                dischargedOn, discharged ? DischargeReason.OTHER : null,
                discharged ? "Discharged before enrollment episodes were recorded" : null);
    }

    /** The latest episode (the one a discharge or an enrolment applies to). */
    public EnrollmentEpisode currentEpisode() {
        return episodes.get(episodes.size() - 1);
    }

    /** The episode that decides {@code date}: the last one begun on or before it, else the first. */
    public EnrollmentEpisode episodeAt(LocalDate date) {
        EnrollmentEpisode found = episodes.get(0);
        for (EnrollmentEpisode episode : episodes) {
            if (episode.startsOn() != null && !episode.startsOn().isAfter(date)) {
                found = episode;
            }
        }
        return found;
    }

    /** The status on {@code date} (the organization's zone), from the episode covering it. */
    public ProgramStatus statusAt(LocalDate date) {
        return episodeAt(date).statusAt(date);
    }

    /** Enrolled on {@code date} in some episode. */
    public boolean enrolledAt(LocalDate date) {
        return episodes.stream().anyMatch(episode -> episode.enrolledAt(date));
    }

    /** Enrolled on at least one day from {@code first} to {@code last} (inclusive). */
    public boolean enrolledBetween(LocalDate first, LocalDate last) {
        return episodes.stream().anyMatch(episode -> episode.enrolledBetween(first, last));
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
