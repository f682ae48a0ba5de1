package org.peerpath.people;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;

import org.peerpath.people.BillingSettingChanges.ChangeBillingSettingsInput;
import org.peerpath.security.Viewer;

/** The organization's dated billing settings (graphql/billing-settings.graphqls). */
@Controller
class BillingSettingsController {

    private final BillingSettingChanges changes;
    private final Clock clock;

    BillingSettingsController(BillingSettingChanges changes, Clock clock) {
        this.changes = changes;
        this.clock = clock;
    }

    record OrganizationPayload(Organization organization) {
    }

    @MutationMapping
    OrganizationPayload changeBillingSettings(@AuthenticationPrincipal Viewer viewer,
            @Argument ChangeBillingSettingsInput input) {
        return new OrganizationPayload(changes.change(viewer, input));
    }

    /** The pack in force today in the organization's zone. */
    @SchemaMapping(typeName = "Organization", field = "rulePack")
    RulePack rulePack(Organization organization) {
        return organization.rulePackOn(today(organization));
    }

    @SchemaMapping(typeName = "Organization", field = "unitRounding")
    UnitRoundingChoice unitRounding(Organization organization) {
        return organization.unitRoundingOn(today(organization));
    }

    /** The pack the organization was created with (since always), then every change in the order recorded. */
    @SchemaMapping(typeName = "Organization", field = "rulePackHistory")
    List<RulePackChange> rulePackHistory(Organization organization) {
        List<RulePackChange> history = new ArrayList<>();
        history.add(new RulePackChange(null, organization.rulePack(), null, organization.createdAt()));
        history.addAll(organization.rulePackChanges());
        return history;
    }

    @SchemaMapping(typeName = "Organization", field = "unitRoundingHistory")
    List<UnitRoundingChange> unitRoundingHistory(Organization organization) {
        List<UnitRoundingChange> history = new ArrayList<>();
        history.add(new UnitRoundingChange(null, UnitRoundingChoice.PACK_DEFAULT, null, organization.createdAt()));
        history.addAll(organization.unitRoundingChanges());
        return history;
    }

    private LocalDate today(Organization organization) {
        return LocalDate.ofInstant(clock.instant(), organization.zone());
    }
}
