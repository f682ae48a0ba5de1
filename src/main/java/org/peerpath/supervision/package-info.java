/**
 * The supervision log (issue 12, item 2): the sessions in which supervisors supervise their coaches and
 * associates (Michigan VIII-IX, seeds/003: weekly or more for coaches; CMS FAQ A4, seeds/004: the level and
 * frequency are the state's and the agency's to set), the organization's expected frequency per role, and who is
 * overdue. Not to be confused with supervisor assignments (who supervises whom from when), which belong to people.
 */
package org.peerpath.supervision;
