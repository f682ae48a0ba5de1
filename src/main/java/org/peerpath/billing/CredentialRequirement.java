package org.peerpath.billing;

import java.util.Set;

import org.peerpath.billing.BillingCase.Certification;
import org.peerpath.billing.BillingCase.CredentialType;

/**
 * Which credentials qualify a provider in a pack, as data: the accepted types, the state that must have issued
 * them (null: any), the name a coach understands and the source.
 *
 * @param credential the credential as the finding names it
 * @param types the accepted credential types
 * @param issuingState the state that must have issued it, or null when the source names none
 * @param source the seed document and section
 */
public record CredentialRequirement(String credential, Set<CredentialType> types, String issuingState,
        String source) {

    public CredentialRequirement {
        types = Set.copyOf(types);
    }

    boolean accepts(Certification certification) {
        return types.contains(certification.type())
                && (issuingState == null || issuingState.equalsIgnoreCase(certification.issuingState()));
    }
}
