package org.peerpath.contacts;

import java.util.Objects;

import org.peerpath.billing.RulePacks;
import org.peerpath.billing.UnitRounding;
import org.peerpath.people.BillingSettings;
import org.peerpath.people.UnitRoundingChoice;

/**
 * The rule pack and the unit rounding one evaluation applies: the organization's billing settings on the date of
 * service, with "the pack's own rounding" resolved. A signed contact keeps the basis it was signed with (issue 10,
 * item 3); comparing bases is how a change of settings finds the contacts it would rewrite.
 *
 * @param rulePack the pack's id ({@link RulePacks#ids()})
 * @param unitRounding the rounding applied
 */
record BillingBasis(String rulePack, UnitRounding unitRounding) {

    BillingBasis {
        RulePacks.forId(rulePack);
        Objects.requireNonNull(unitRounding, "unitRounding");
    }

    /** The basis the settings give: a chosen rounding, or the pack's own (docs/billing-rules.md, Units). */
    static BillingBasis of(BillingSettings settings) {
        String pack = settings.rulePack().name();
        return new BillingBasis(pack, settings.unitRounding() == UnitRoundingChoice.PACK_DEFAULT
                ? RulePacks.forId(pack).unitRounding() : UnitRounding.valueOf(settings.unitRounding().name()));
    }
}
