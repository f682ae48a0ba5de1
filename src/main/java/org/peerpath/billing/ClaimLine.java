package org.peerpath.billing;

import java.util.List;

import org.peerpath.billing.BillingCase.FundingSource;

/**
 * What a pack would bill for a service: code, modifiers, funding source, and the authorization charged.
 *
 * @param procedureCode procedure code
 * @param modifiers modifiers in billing order
 * @param fundingSource funding source, null when none applies or the pack does not choose one
 * @param authorizationId authorization the units are charged to, null when none
 */
record ClaimLine(String procedureCode, List<String> modifiers, FundingSource fundingSource, String authorizationId) {

    ClaimLine {
        modifiers = List.copyOf(modifiers);
    }
}
