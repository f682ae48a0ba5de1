/**
 * Contact logs: what a coach did with or for an enrollee, evaluated against the organization's billing rule
 * pack, signed, amended or voided, and the units they consume, reserved atomically on the enrollee's unit
 * ledger so that concurrent signings can never together exceed an authorization or annual cap.
 */
package org.peerpath.contacts;
