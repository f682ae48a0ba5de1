package org.peerpath.people;

import java.util.List;

/**
 * A staff member as anyone who may see a record they worked on sees them (a contact's coach, signer, addenda and
 * history): name, role and the kinds of credential they hold today, for showing "Casey Coach, CPRS" beside a
 * signature. Nothing else of the staff record (e-mail, supervisor, certificate numbers) is in it, so it may go
 * wherever the record it hangs from may go.
 */
public record StaffMemberSummary(String id, String organizationId, String displayName, StaffRole role,
        List<CertificationType> credentials) {

    /** Kinds of certification that are professional credentials: first aid and CPR qualify no one. */
    static boolean isCredential(CertificationType type) {
        return type != CertificationType.FIRST_AID && type != CertificationType.CPR;
    }
}
