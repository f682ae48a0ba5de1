package org.peerpath.reminders;

import java.time.Instant;
import java.util.List;

import org.peerpath.people.Organization;

/**
 * A feature's items someone must be told about once each (issue 12, item 4), read for {@link SupervisorAlerts}:
 * features the reminders may not depend on (outreach) implement it; contacts' items are read directly.
 */
public interface SupervisorAlertSource {

    /** The organization's items due at {@code now}, each with its recipient; batch reads only. */
    List<SupervisorAlerts.Item> itemsDue(Organization organization, Instant now);
}
