package org.peerpath.database;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A damaged embedded store stops the start-up with one readable sentence and the way out, not a stack trace. */
class DamagedStoreFailureAnalyzer extends AbstractFailureAnalyzer<DurableH2Backend.DamagedStoreException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, DurableH2Backend.DamagedStoreException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Restore " + cause.file() + " from the last backup (README: Backup and restore), then start again.",
                cause);
    }
}
