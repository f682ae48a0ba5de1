package org.peerpath.billing;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The billing rules of one jurisdiction, as data: its id, how it codes a service, its default minutes-to-units
 * rounding, and its rules. It exists so an organization can be switched between states by an administrator and
 * a new state added as one more pack, without touching the others. Every pack applies the common rules first,
 * then the rule that a service to a parent or guardian be directed to the child's benefit (CMS FAQ A5) under the
 * pack's own code where it has one ({@link ChildBenefit}), then its own.
 */
public final class RulePack {

    private final String id;
    private final UnitRounding unitRounding;
    private final Function<DeliveredService, ClaimLine> coding;
    private final List<BillingRule> rules;
    private final Function<BillingCase.CoachRole, CredentialRequirement> credentials;

    /** A pack whose documents add nothing to CMS FAQ A5: a service to a parent is reported under CMS's code. */
    RulePack(String id, UnitRounding unitRounding, Function<DeliveredService, ClaimLine> coding,
            Function<BillingCase.CoachRole, CredentialRequirement> credentials, List<BillingRule> ownRules) {
        this(id, unitRounding, coding, credentials, ChildBenefit.CMS, ownRules);
    }

    RulePack(String id, UnitRounding unitRounding, Function<DeliveredService, ClaimLine> coding,
            Function<BillingCase.CoachRole, CredentialRequirement> credentials, ChildBenefit childBenefit,
            List<BillingRule> ownRules) {
        this.id = Objects.requireNonNull(id, "id");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.unitRounding = Objects.requireNonNull(unitRounding, "unitRounding");
        this.coding = Objects.requireNonNull(coding, "coding");
        this.rules = Stream.of(CommonRules.RULES.stream(), Stream.of(CommonRules.childBenefit(childBenefit)),
                ownRules.stream()).flatMap(rules -> rules).toList();
    }

    /** The pack's id, e.g. {@code MI}. */
    public String id() {
        return id;
    }

    /** The pack's minutes-to-units rounding, used unless the organization overrides it. */
    public UnitRounding unitRounding() {
        return unitRounding;
    }

    /** The credential that qualifies a provider of this role in this pack (PROVIDER_NOT_QUALIFIED). */
    public CredentialRequirement credentialFor(BillingCase.CoachRole role) {
        return credentials.apply(role);
    }

    /** Every finding code this pack can report, common rules first, in evaluation order. */
    public List<String> findingCodes() {
        return rules.stream().map(BillingRule::code).toList();
    }

    List<BillingRule> rules() {
        return rules;
    }

    ClaimLine claimLine(DeliveredService service) {
        return coding.apply(service);
    }

    @Override
    public String toString() {
        return "RulePack[" + id + "]";
    }
}
