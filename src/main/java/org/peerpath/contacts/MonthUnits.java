package org.peerpath.contacts;

/** A coach's billable units in one month of the organization's calendar. */
record MonthUnits(String month, int units, int contacts) {
}
