/**
 * Push reminders: devices registered for Firebase Cloud Messaging, the monthly face-to-face reminder schedule
 * with its exactly-once ledger, the optional daily reminders (unsigned drafts, expiring consents and
 * certifications), and the notifications sent (through Firebase, or recorded in demo mode).
 */
package org.peerpath.reminders;
