package org.peerpath.contacts;

import java.security.Principal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;

import org.peerpath.contacts.ContactController.ContactPayload;
import org.peerpath.contacts.ContactReview.ApproveContactInput;
import org.peerpath.contacts.ContactReview.ResubmitContactInput;
import org.peerpath.contacts.ContactReview.ReturnContactInput;
import org.peerpath.contacts.ContactReview.SetReviewPolicyInput;
import org.peerpath.graphql.Connection;
import org.peerpath.graphql.CountedConnection;
import org.peerpath.graphql.PageRequest;
import org.peerpath.people.PeopleDirectory;
import org.peerpath.people.StaffMemberSummary;
import org.peerpath.security.Viewer;

/**
 * Note review and co-signature (graphql/review.graphqls); the rules are in {@link ContactReview}. The supervisors
 * a review names (approver, returner) load in batches, two queries per field for a whole page of contacts.
 */
@Controller
class ContactReviewController {

    private final ContactReview reviews;
    private final PeopleDirectory people;

    ContactReviewController(ContactReview reviews, PeopleDirectory people) {
        this.reviews = reviews;
        this.people = people;
    }

    record ReviewPolicyPayload(ReviewPolicySetting reviewPolicy) {
    }

    @QueryMapping
    ReviewPolicySetting reviewPolicy(@AuthenticationPrincipal Viewer viewer) {
        return reviews.policy(viewer);
    }

    @QueryMapping
    Connection<Contact> reviewQueue(@AuthenticationPrincipal Viewer viewer, @Argument Integer first,
            @Argument String after) {
        return reviews.reviewQueue(viewer, PageRequest.of(first, after, 20));
    }

    @QueryMapping
    Connection<Contact> returnedToMe(@AuthenticationPrincipal Viewer viewer, @Argument Integer first,
            @Argument String after) {
        return reviews.returnedToMe(viewer, PageRequest.of(first, after, 20));
    }

    // The review queue on the supervisor's dashboard (its query checked the viewer oversees the organization).

    @SchemaMapping(typeName = "SupervisorDashboard", field = "reviewQueuePage")
    CountedConnection<Contact> reviewQueuePage(@AuthenticationPrincipal Viewer viewer, @Argument Integer first,
            @Argument String after) {
        return reviews.reviewQueuePage(viewer, PageRequest.of(first, after, 20));
    }

    @MutationMapping
    ReviewPolicyPayload setReviewPolicy(@AuthenticationPrincipal Viewer viewer,
            @Argument SetReviewPolicyInput input) {
        return new ReviewPolicyPayload(reviews.setPolicy(viewer, input));
    }

    @MutationMapping
    ContactPayload approveContact(@AuthenticationPrincipal Viewer viewer, @Argument ApproveContactInput input) {
        return new ContactPayload(reviews.approve(viewer, input));
    }

    @MutationMapping
    ContactPayload returnContactForCorrection(@AuthenticationPrincipal Viewer viewer,
            @Argument ReturnContactInput input) {
        return new ContactPayload(reviews.returnForCorrection(viewer, input));
    }

    @MutationMapping
    ContactPayload resubmitContact(@AuthenticationPrincipal Viewer viewer, @Argument ResubmitContactInput input) {
        return new ContactPayload(reviews.resubmit(viewer, input));
    }

    @SchemaMapping(typeName = "Contact", field = "billableNow")
    boolean billableNow(Contact contact) {
        return contact.billableNow();
    }

    // ---- the supervisors a review names, in batches ----
    // Whoever may see the contact may see these summaries (as for Contact.coach): the review hangs from a contact
    // its parent field opened and audited, and a summary carries only a name, a role and current credentials.

    @BatchMapping(typeName = "ContactReview", field = "approver")
    Map<Review, StaffMemberSummary> approver(List<Review> reviews, Principal principal) {
        return staffOf(reviews, Review::approvedBy, principal);
    }

    @BatchMapping(typeName = "ContactReview", field = "returner")
    Map<Review, StaffMemberSummary> returner(List<Review> reviews, Principal principal) {
        return staffOf(reviews, Review::returnedBy, principal);
    }

    private Map<Review, StaffMemberSummary> staffOf(List<Review> sources, Function<Review, String> staffId,
            Principal principal) {
        if (!(principal instanceof Authentication authentication
                && authentication.getPrincipal() instanceof Viewer viewer)) {
            throw new IllegalStateException("No signed-in viewer for a review's supervisor.");
        }
        Map<String, StaffMemberSummary> byId = people.staffSummaries(viewer, sources.stream().map(staffId).toList());
        Map<Review, StaffMemberSummary> result = new HashMap<>();
        for (Review review : sources) {
            String id = staffId.apply(review);
            if (id != null && byId.containsKey(id)) {
                result.put(review, byId.get(id));
            }
        }
        return result;
    }
}
