package org.peerpath.contacts;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;

import org.peerpath.contacts.ContactController.ContactPayload;
import org.peerpath.contacts.ContactReview.ApproveContactInput;
import org.peerpath.contacts.ContactReview.ResubmitContactInput;
import org.peerpath.contacts.ContactReview.ReturnContactInput;
import org.peerpath.contacts.ContactReview.SetReviewPolicyInput;
import org.peerpath.graphql.Connection;
import org.peerpath.graphql.PageRequest;
import org.peerpath.security.Viewer;

/** Note review and co-signature (graphql/review.graphqls); the rules are in {@link ContactReview}. */
@Controller
class ContactReviewController {

    private final ContactReview reviews;

    ContactReviewController(ContactReview reviews) {
        this.reviews = reviews;
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
}
