package org.peerpath.people;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An agency. Its zone decides dates of service and month boundaries; its thresholds decide when a client is
 * at risk or disengaged; its late-entry limits when a contact is a late entry and when it is too late to enter
 * (issue 11, item 7; records written before the limits existed read with the defaults); its maximum group size
 * how many clients one group session may have (issue 12, item 3; default 12).
 *
 * <p>Its billing settings are dated (issue 10, item 3): {@code rulePack} is the pack it was created with, in
 * force until the first of {@code rulePackChanges}; the unit rounding is the pack's own until the first of
 * {@code unitRoundingChanges}. A service is billed under {@link #billingSettingsOn} its date of service; use that,
 * not {@code rulePack}, for anything dated.
 */
@Document("organizations")
public record Organization(@Id String id, String name, RulePack rulePack, String timeZone, boolean tennCareProvider,
        int atRiskAfterDays, int disengagedAfterDays, long version, Instant createdAt, String creationDigest,
        List<RulePackChange> rulePackChanges, List<UnitRoundingChange> unitRoundingChanges, Integer lateEntryDays,
        Integer lateEntryHardLimitDays, Integer maxGroupSize) {

    public static final int DEFAULT_AT_RISK_AFTER_DAYS = 14;
    public static final int DEFAULT_DISENGAGED_AFTER_DAYS = 30;
    /** A contact documented more than this many days after its date of service is a late entry. */
    public static final int DEFAULT_LATE_ENTRY_DAYS = 30;
    /** A contact documented more than this many days after its date of service is refused. */
    public static final int DEFAULT_LATE_ENTRY_HARD_LIMIT_DAYS = 365;
    /** At most this many attendees in one group session (issue 12, item 3). */
    public static final int DEFAULT_MAX_GROUP_SIZE = 12;
    /** The largest maximum group size an organization may set. */
    public static final int MAX_GROUP_SIZE_LIMIT = 50;

    public Organization {
        rulePackChanges = rulePackChanges == null ? List.of() : List.copyOf(rulePackChanges);
        unitRoundingChanges = unitRoundingChanges == null ? List.of() : List.copyOf(unitRoundingChanges);
        lateEntryDays = lateEntryDays == null ? DEFAULT_LATE_ENTRY_DAYS : lateEntryDays;
        lateEntryHardLimitDays = lateEntryHardLimitDays == null ? DEFAULT_LATE_ENTRY_HARD_LIMIT_DAYS
                : lateEntryHardLimitDays;
        maxGroupSize = maxGroupSize == null ? DEFAULT_MAX_GROUP_SIZE : maxGroupSize;
    }

    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }

    /** The rule pack in force on {@code date} (a day in the organization's zone). */
    public RulePack rulePackOn(LocalDate date) {
        return DatedSetting.inForce(rulePackChanges, date).map(RulePackChange::rulePack).orElse(rulePack);
    }

    /** The unit rounding in force on {@code date}: the organization's choice, or the pack's own. */
    public UnitRoundingChoice unitRoundingOn(LocalDate date) {
        return DatedSetting.inForce(unitRoundingChanges, date).map(UnitRoundingChange::unitRounding)
                .orElse(UnitRoundingChoice.PACK_DEFAULT);
    }

    /** Both billing settings in force on {@code date}. */
    public BillingSettings billingSettingsOn(LocalDate date) {
        return new BillingSettings(rulePackOn(date), unitRoundingOn(date));
    }

    /** This organization with the given changes (null: none) appended to its billing settings' histories. */
    Organization withBillingChanges(RulePackChange packChange, UnitRoundingChange roundingChange) {
        List<RulePackChange> packs = new ArrayList<>(rulePackChanges);
        List<UnitRoundingChange> roundings = new ArrayList<>(unitRoundingChanges);
        if (packChange != null) {
            packs.add(packChange);
        }
        if (roundingChange != null) {
            roundings.add(roundingChange);
        }
        return new Organization(id, name, rulePack, timeZone, tennCareProvider, atRiskAfterDays, disengagedAfterDays,
                version, createdAt, creationDigest, packs, roundings, lateEntryDays, lateEntryHardLimitDays,
                maxGroupSize);
    }
}
