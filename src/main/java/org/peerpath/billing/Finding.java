package org.peerpath.billing;

import java.util.Objects;

/**
 * One thing the billing engine noticed about a contact. It exists so the app can show the coach, in plain
 * words, why a contact is or is not billable, and so audits can trace each decision to its source document.
 *
 * @param code stable machine code, e.g. {@code MI.MIN_DURATION}, {@code UNITS_ZERO}
 * @param message a sentence a coach understands
 * @param severity whether the finding blocks billing
 * @param source the document and section the rule comes from
 */
public record Finding(String code, String message, Severity severity, String source) {

    public Finding {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(source, "source");
    }

    boolean blocking() {
        return severity == Severity.BLOCKING;
    }

    /** How much a finding matters: a blocking finding makes the contact not billable. */
    public enum Severity { BLOCKING, WARNING, INFO }
}
