/**
 * Billing rules: turns one contact's facts ({@link org.peerpath.billing.BillingCase}) into a billing evaluation
 * under its organization's rule pack (Michigan, Indiana, Tennessee). Pure Java; it loads and stores nothing.
 */
package org.peerpath.billing;
