package org.peerpath.people;

import java.time.LocalDate;

/**
 * Who supervised a staff member from one day to another (inclusive), so a change of supervisor does not rewrite
 * the past: billing asks who the supervisor was on the date of service.
 *
 * @param supervisorId the supervisor
 * @param from first day, null for an assignment recorded before effective dates existed (since always)
 * @param to last day, null while it lasts
 */
public record SupervisorAssignment(String supervisorId, LocalDate from, LocalDate to) {

    public boolean coversDay(LocalDate date) {
        return (from == null || !date.isBefore(from)) && (to == null || !date.isAfter(to));
    }
}
