package org.peerpath.people;

import java.util.List;

/**
 * Michigan eligibility (guidance IV): criterion 1 and at least one of criteria 2 to 5, plus the client's
 * agreement to participate.
 */
public record Eligibility(boolean needsNotMetByOtherProgram, List<EligibilityCriterion> criteria,
        boolean agreedToParticipate) {

    public Eligibility {
        criteria = criteria == null ? List.of() : List.copyOf(criteria);
    }

    /** Criteria 2 to 5 of Michigan guidance IV. */
    public enum EligibilityCriterion {
        DOCUMENTED_DOMAIN_NEED,
        HISTORY_OF_RECOVERY_FAILURE,
        LONG_TERM_TREATMENT_DRUG,
        CHRONICITY_AND_SEVERITY
    }
}
