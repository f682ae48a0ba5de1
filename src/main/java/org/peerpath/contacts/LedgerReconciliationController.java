package org.peerpath.contacts;

import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;

import org.peerpath.security.Viewer;

/** {@code reconcileLedgers} of graphql/contacts.graphqls; the work is {@link LedgerReconciliation}'s. */
@Controller
class LedgerReconciliationController {

    private final LedgerReconciliation reconciliation;

    LedgerReconciliationController(LedgerReconciliation reconciliation) {
        this.reconciliation = reconciliation;
    }

    @MutationMapping
    LedgerReconciliation.Report reconcileLedgers(@AuthenticationPrincipal Viewer viewer) {
        return reconciliation.reconcile(viewer);
    }
}
