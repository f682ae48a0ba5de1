package org.peerpath.contacts;

/**
 * Which signed contacts need a supervisor's co-signature before they count as billable (issue 12, item 1). Pure
 * rule, no Spring.
 *
 * <p>Sources: Michigan guidance VIII (the recovery associate "works within organizational hierarchy of treatment
 * organization and with direct supervision", weekly or more) and IX (peers "are required to be supervised by MCBAP
 * certified staff"); CMS FAQ A4 (the level and frequency of supervision "may range from direct oversight to
 * periodic care consultation", set by the state); TennCare policy (the provider "offers general supervision for
 * CPRS services"). The organization chooses how far its oversight goes; the default reviews what Michigan puts
 * under direct supervision (associates) and what billing flagged (a collateral contact without consent).
 */
public enum ReviewPolicy {
    /** No contact needs review. */
    NONE,
    /** Recovery associates' contacts (Michigan VIII: associates work under direct supervision). */
    ASSOCIATES,
    /** Every contact. */
    EVERYONE,
    /** Contacts flagged for review (e.g. a collateral contact without the enrollee's consent). */
    FLAGGED,
    /** Associates' contacts and flagged contacts: the default. */
    ASSOCIATES_AND_FLAGGED;

    public static final ReviewPolicy DEFAULT = ASSOCIATES_AND_FLAGGED;

    /**
     * Why a contact signed by an associate ({@code byAssociate}) or not, flagged or not, needs review under this
     * policy; null when it does not.
     */
    public String reviewReason(boolean byAssociate, boolean flagged) {
        return switch (this) {
            case NONE -> null;
            case EVERYONE -> "EVERYONE";
            case ASSOCIATES -> byAssociate ? "ASSOCIATE" : null;
            case FLAGGED -> flagged ? "FLAGGED" : null;
            case ASSOCIATES_AND_FLAGGED -> byAssociate ? "ASSOCIATE" : flagged ? "FLAGGED" : null;
        };
    }
}
