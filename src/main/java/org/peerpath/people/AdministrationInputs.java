package org.peerpath.people;

import java.time.LocalDate;
import java.util.List;

/** The inputs of the administration mutations, as the schema (graphql/people.graphqls) defines them. */
public final class AdministrationInputs {

    private AdministrationInputs() {
    }

    public record CreateOrganizationInput(String id, String name, RulePack rulePack, String timeZone,
            Boolean tennCareProvider, Integer atRiskAfterDays, Integer disengagedAfterDays,
            FirstAdministratorInput firstAdministrator) {
    }

    public record FirstAdministratorInput(String id, String firstName, String lastName, String email, String authSubject) {
    }

    public record UpdateOrganizationInput(long expectedVersion, String name, String timeZone, Boolean tennCareProvider,
            Integer atRiskAfterDays, Integer disengagedAfterDays, Integer lateEntryDays,
            Integer lateEntryHardLimitDays, Integer maxGroupSize) {
    }

    public record CreateStaffMemberInput(String id, String firstName, String lastName, StaffRole role, String email,
            String authSubject, String supervisorId, SupervisorQualification supervisorQualification) {
    }

    public record UpdateStaffMemberInput(String id, long expectedVersion, String firstName, String lastName, String email,
            String supervisorId, SupervisorQualification supervisorQualification, Boolean active) {
    }

    public record AddCertificationInput(String staffMemberId, String id, CertificationType type, String number,
            String issuingState,
            LocalDate validFrom, LocalDate validTo) {
    }

    public record EmergencyContactInput(String id, String name, String relationship, String phone) {
    }

    public record EligibilityInput(boolean needsNotMetByOtherProgram, List<Eligibility.EligibilityCriterion> criteria,
            boolean agreedToParticipate) {
    }

    public record CreateEnrolleeInput(String id, String firstName, String lastName, String preferredName,
            LocalDate dateOfBirth, String medicaidId, List<FundingSource> fundingSources, ProgramStatus status,
            LocalDate enrolledOn, Boolean inStandAloneServices, LocalDate acuteTreatmentEndedOn, String coachId,
            List<EmergencyContactInput> emergencyContacts, Boolean parentOrGuardianOfChild, String childEnrolleeId,
            EligibilityInput eligibility, String authSubject, LocalDate referredOn) {
    }

    public record UpdateEnrolleeInput(String id, long expectedVersion, String firstName, String lastName,
            String preferredName, String medicaidId, List<FundingSource> fundingSources, ProgramStatus status,
            LocalDate enrolledOn, LocalDate dischargedOn, Boolean inStandAloneServices,
            LocalDate acuteTreatmentEndedOn, List<EmergencyContactInput> emergencyContacts,
            Boolean parentOrGuardianOfChild, String childEnrolleeId, EligibilityInput eligibility) {
    }

    public record LinkSignInInput(String personId, String authSubject) {
    }

    public record AddAuthorizationInput(String enrolleeId, String id, AuthorizationKind kind, LocalDate validFrom,
            LocalDate validTo, Integer unitsAuthorized) {
    }

    public record AssignCoachInput(String enrolleeId, String coachId) {
    }
}
