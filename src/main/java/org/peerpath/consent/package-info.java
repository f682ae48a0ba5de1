/**
 * Consent to disclose (42 CFR Part 2 §2.31; Michigan guidance V): consents with every required element, their
 * revocation and expiry, whether a person may be contacted on an enrollee's behalf, and the disclosure log.
 */
package org.peerpath.consent;
