package org.peerpath.billing;

import java.util.Locale;

/**
 * How minutes of service become 15-minute billing units. It exists because payers differ: each rule pack has a
 * default and an organization may override it (docs/billing-rules.md, Units).
 */
public enum UnitRounding {

    /** Only completed quarters count: 14 minutes is 0 units, 15 is 1, 29 is 1, 30 is 2 (Michigan's setting). */
    WHOLE_QUARTERS {
        @Override
        int roundRemainder(int remainderMinutes) {
            return 0;
        }
    },

    /**
     * Completed quarters plus one more when the remainder is 8 minutes or more: 7 minutes is 0 units, 8 is 1,
     * 22 is 1, 23 is 2, 60 is 4 (the common Medicaid and Medicare convention).
     */
    MIDPOINT {
        @Override
        int roundRemainder(int remainderMinutes) {
            return remainderMinutes >= MIDPOINT_MINUTES ? 1 : 0;
        }
    };

    /** Minutes in one billing unit. */
    public static final int MINUTES_PER_UNIT = 15;

    private static final int MIDPOINT_MINUTES = 8;

    /** Units for the given minutes of service. */
    public int units(int minutes) {
        if (minutes < 0) {
            throw new IllegalArgumentException("minutes must not be negative: " + minutes);
        }
        return minutes / MINUTES_PER_UNIT + roundRemainder(minutes % MINUTES_PER_UNIT);
    }

    abstract int roundRemainder(int remainderMinutes);

    /** What a coach needs to hear about a contact too short for one unit. */
    String explainZeroUnits() {
        return this == WHOLE_QUARTERS
                ? "only complete 15-minute units count"
                : "a unit needs at least 8 minutes";
    }

    /** "1 unit", "4 units". */
    static String describe(int units) {
        return String.format(Locale.US, "%,d %s", units, units == 1 ? "unit" : "units");
    }
}
