package org.peerpath.contacts;

import java.time.YearMonth;
import java.util.Collection;
import java.util.Set;

import org.springframework.stereotype.Service;

import org.peerpath.billing.StandAloneCompliance;

/**
 * Which enrollees of an organization had a face-to-face contact in a month, for features that remind about or
 * report on the monthly face-to-face of Michigan XI.E (seeds/003). One query per page of enrollees, never
 * one query per enrollee. What counts is {@link StandAloneCompliance#countsAsFaceToFace}: signed contacts
 * with the client present in person, of any type; drafts and voided contacts never count.
 */
@Service
public class FaceToFaceCalendar {

    private final EnrolleeActivity summaries;

    FaceToFaceCalendar(EnrolleeActivity summaries) {
        this.summaries = summaries;
    }

    /**
     * Those of {@code enrolleeIds} (a page of the organization's enrollees) with a signed contact with them present
     * in person dated (org zone) in {@code month}, the current month or the one before it: one range query on
     * their activity summaries ({@link EnrolleeActivity}, issue 16), never a scan of their contacts.
     */
    public Set<String> enrolleesSeenFaceToFace(String organizationId, Collection<String> enrolleeIds,
            YearMonth month) {
        return summaries.seenFaceToFaceIn(organizationId, enrolleeIds, month);
    }
}
