package org.peerpath.contacts;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * The point between a signing's or a void's two writes (the unit ledger and the contact), where a test stops the
 * request as a crash would: whatever the first write did stays, the second never happens, nothing puts it back.
 * {@link LedgerReconciliation} must repair both orders (issue 18, item 1). Nothing is armed in production: the
 * check is one look at an empty set.
 *
 * <p>A second point stops a contact change between the contact write and the enrollee's activity summary update
 * ({@link EnrolleeActivity}; issue 16): the rebuild must repair it.
 */
@Component
class CrashPoints {

    private final Set<String> armed = ConcurrentHashMap.newKeySet();
    private final Set<String> armedBeforeActivity = ConcurrentHashMap.newKeySet();

    /** The next signing or void of {@code contactId} stops between its two writes. */
    void arm(String contactId) {
        armed.add(contactId);
    }

    /** Stops here if armed for {@code contactId}: thrown past every compensation, like a process that died. */
    void between(String contactId) {
        if (!armed.isEmpty() && armed.remove(contactId)) {
            throw new Crash(contactId);
        }
    }

    /** The next change of {@code contactId} stops after the contact write, before the activity summary update. */
    void armBeforeActivity(String contactId) {
        armedBeforeActivity.add(contactId);
    }

    /** Stops here if armed for {@code contactId} by {@link #armBeforeActivity}. */
    void beforeActivity(String contactId) {
        if (!armedBeforeActivity.isEmpty() && armedBeforeActivity.remove(contactId)) {
            throw new Crash(contactId);
        }
    }

    /** The simulated crash. */
    static final class Crash extends RuntimeException {

        Crash(String contactId) {
            super("Stopped between two writes of a change of contact " + contactId, null, false, false);
        }
    }
}
