package org.peerpath.billing;

import java.util.Objects;

/**
 * How a pack reports a service to a parent or legal guardian of a child enrollee that was not directed to the
 * child's benefit (CMS FAQ A5, every pack): the pack's own finding code and source where it has one, else CMS's.
 * Data of the pack, so the rule itself is written once ({@link CommonRules#childBenefit(ChildBenefit)}).
 *
 * @param code the finding code
 * @param source the seed documents and sections the pack's rule comes from
 */
record ChildBenefit(String code, String source) {

    /** The rule as CMS states it, for packs whose state documents add nothing (Michigan, Indiana). */
    static final ChildBenefit CMS = new ChildBenefit(CommonRules.NOT_FOR_CHILD_BENEFIT, "CMS FAQ A5 (seeds/004)");

    ChildBenefit {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(source, "source");
    }
}
