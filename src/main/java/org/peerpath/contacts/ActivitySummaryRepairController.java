package org.peerpath.contacts;

import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;

import org.peerpath.security.Viewer;

/** {@code rebuildActivitySummaries} of graphql/contacts.graphqls; the work is {@link ActivitySummaryRepair}'s. */
@Controller
class ActivitySummaryRepairController {

    private final ActivitySummaryRepair repair;

    ActivitySummaryRepairController(ActivitySummaryRepair repair) {
        this.repair = repair;
    }

    @MutationMapping
    ActivitySummaryRepair.Report rebuildActivitySummaries(@AuthenticationPrincipal Viewer viewer) {
        return repair.rebuild(viewer);
    }
}
