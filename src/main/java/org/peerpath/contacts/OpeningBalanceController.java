package org.peerpath.contacts;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;

import org.peerpath.contacts.OpeningBalance.RecordOpeningBalanceInput;
import org.peerpath.security.Viewer;

/** {@code recordOpeningBalance} of graphql/contacts.graphqls; the rules are in {@link OpeningBalances}. */
@Controller
class OpeningBalanceController {

    private final OpeningBalances balances;

    OpeningBalanceController(OpeningBalances balances) {
        this.balances = balances;
    }

    @MutationMapping
    OpeningBalances.Recorded recordOpeningBalance(@AuthenticationPrincipal Viewer viewer,
            @Argument RecordOpeningBalanceInput input) {
        return balances.record(viewer, input);
    }
}
