package org.peerpath.contacts;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Which signed contacts each review policy sends to the supervisor (issue 12, item 1), and why. */
class ReviewPolicyTest {

    @ParameterizedTest(name = "{0}: associate={1}, flagged={2} -> {3}")
    @CsvSource(nullValues = "-", value = {
            "NONE, true, true, -",
            "NONE, false, false, -",
            "ASSOCIATES, true, false, ASSOCIATE",
            "ASSOCIATES, false, true, -",
            "EVERYONE, false, false, EVERYONE",
            "EVERYONE, true, true, EVERYONE",
            "FLAGGED, false, true, FLAGGED",
            "FLAGGED, true, false, -",
            "ASSOCIATES_AND_FLAGGED, true, false, ASSOCIATE",
            "ASSOCIATES_AND_FLAGGED, true, true, ASSOCIATE",
            "ASSOCIATES_AND_FLAGGED, false, true, FLAGGED",
            "ASSOCIATES_AND_FLAGGED, false, false, -"})
    void reviewReason(ReviewPolicy policy, boolean byAssociate, boolean flagged, String reason) {
        assertThat(policy.reviewReason(byAssociate, flagged)).isEqualTo(reason);
    }

    @ParameterizedTest
    @CsvSource({"ASSOCIATES_AND_FLAGGED"})
    void theDefaultReviewsAssociatesAndFlaggedContacts(ReviewPolicy policy) {
        assertThat(ReviewPolicy.DEFAULT).isEqualTo(policy);
    }
}
