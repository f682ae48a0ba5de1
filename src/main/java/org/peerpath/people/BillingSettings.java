package org.peerpath.people;

import java.util.Objects;

/**
 * The billing settings of an organization on one day: its rule pack and its unit rounding. A service is billed
 * under the settings in force on its date of service ({@link Organization#billingSettingsOn}).
 *
 * @param rulePack the rule pack
 * @param unitRounding the organization's rounding, or {@link UnitRoundingChoice#PACK_DEFAULT}
 */
public record BillingSettings(RulePack rulePack, UnitRoundingChoice unitRounding) {

    public BillingSettings {
        Objects.requireNonNull(rulePack, "rulePack");
        Objects.requireNonNull(unitRounding, "unitRounding");
    }
}
