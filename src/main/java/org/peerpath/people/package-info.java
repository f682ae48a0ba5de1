/**
 * People and organizations: the agency and its settings, staff with their certifications, enrollees with
 * their funding and authorizations, caseloads, and the one access policy every feature reuses to decide who
 * may see an enrollee's record.
 */
package org.peerpath.people;
