package org.peerpath.database;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * An embedded store that cannot be opened (damaged, in use by another process, unreadable) stops the start-up with
 * one readable sentence naming the file and the way out, not a stack trace.
 */
class DamagedStoreFailureAnalyzer extends AbstractFailureAnalyzer<DurableH2Backend.StoreNotOpenedException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, DurableH2Backend.StoreNotOpenedException cause) {
        return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
    }
}
