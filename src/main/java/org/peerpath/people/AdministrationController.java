package org.peerpath.people;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;

import org.peerpath.people.AdministrationInputs.AddAuthorizationInput;
import org.peerpath.people.AdministrationInputs.AddCertificationInput;
import org.peerpath.people.AdministrationInputs.AssignCoachInput;
import org.peerpath.people.AdministrationInputs.CreateEnrolleeInput;
import org.peerpath.people.AdministrationInputs.CreateOrganizationInput;
import org.peerpath.people.AdministrationInputs.CreateStaffMemberInput;
import org.peerpath.people.AdministrationInputs.LinkSignInInput;
import org.peerpath.people.AdministrationInputs.UpdateEnrolleeInput;
import org.peerpath.people.AdministrationInputs.UpdateOrganizationInput;
import org.peerpath.people.AdministrationInputs.UpdateStaffMemberInput;
import org.peerpath.security.Viewer;

/** The administration mutations; see {@link Administration} for the rules. */
@Controller
class AdministrationController {

    private final Administration administration;

    AdministrationController(Administration administration) {
        this.administration = administration;
    }

    record OrganizationPayload(Organization organization) {
    }

    record StaffMemberPayload(StaffMember staffMember) {
    }

    record EnrolleePayload(Enrollee enrollee) {
    }

    @MutationMapping
    OrganizationPayload createOrganization(@AuthenticationPrincipal Viewer viewer,
            @Argument CreateOrganizationInput input) {
        return new OrganizationPayload(administration.createOrganization(viewer, input));
    }

    @MutationMapping
    OrganizationPayload updateOrganization(@AuthenticationPrincipal Viewer viewer,
            @Argument UpdateOrganizationInput input) {
        return new OrganizationPayload(administration.updateOrganization(viewer, input));
    }

    @MutationMapping
    StaffMemberPayload createStaffMember(@AuthenticationPrincipal Viewer viewer,
            @Argument CreateStaffMemberInput input) {
        return new StaffMemberPayload(administration.createStaffMember(viewer, input));
    }

    @MutationMapping
    StaffMemberPayload updateStaffMember(@AuthenticationPrincipal Viewer viewer,
            @Argument UpdateStaffMemberInput input) {
        return new StaffMemberPayload(administration.updateStaffMember(viewer, input));
    }

    @MutationMapping
    StaffMemberPayload addCertification(@AuthenticationPrincipal Viewer viewer,
            @Argument AddCertificationInput input) {
        return new StaffMemberPayload(administration.addCertification(viewer, input));
    }

    @MutationMapping
    Administration.SignInLink linkSignIn(@AuthenticationPrincipal Viewer viewer, @Argument LinkSignInInput input) {
        return administration.linkSignIn(viewer, input);
    }

    @MutationMapping
    EnrolleePayload createEnrollee(@AuthenticationPrincipal Viewer viewer, @Argument CreateEnrolleeInput input) {
        return new EnrolleePayload(administration.createEnrollee(viewer, input));
    }

    @MutationMapping
    EnrolleePayload updateEnrollee(@AuthenticationPrincipal Viewer viewer, @Argument UpdateEnrolleeInput input) {
        return new EnrolleePayload(administration.updateEnrollee(viewer, input));
    }

    @MutationMapping
    EnrolleePayload addAuthorization(@AuthenticationPrincipal Viewer viewer, @Argument AddAuthorizationInput input) {
        return new EnrolleePayload(administration.addAuthorization(viewer, input));
    }

    @MutationMapping
    EnrolleePayload assignCoach(@AuthenticationPrincipal Viewer viewer, @Argument AssignCoachInput input) {
        return new EnrolleePayload(administration.assignCoach(viewer, input));
    }
}
