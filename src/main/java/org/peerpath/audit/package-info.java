/**
 * The audit trail: an append-only record of every read or write of an enrollee's record, including denials,
 * as HIPAA and 42 CFR Part 2 expect. Supervisors and administrators query it.
 */
package org.peerpath.audit;
