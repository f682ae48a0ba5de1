package org.peerpath.reminders;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sender in demo mode and wherever Firebase credentials are not configured: sends nothing, logs each push
 * (lock-screen text and reference only), and lets the notification records show what would have gone out
 * ({@code recordedNotifications} for administrators).
 */
public class RecordingNotificationSender implements NotificationSender {

    private static final Logger LOG = LoggerFactory.getLogger(RecordingNotificationSender.class);

    @Override
    public List<Delivery> send(List<Push> pushes) {
        return pushes.stream().map(push -> {
            LOG.info("Push recorded, not sent: \"{}\" / \"{}\" ref={}", push.title(), push.body(), push.ref());
            return new Delivery(push, Outcome.RECORDED, "recorded");
        }).toList();
    }

    /** Records even for a person without a registered device, so demo reminders can be seen. */
    @Override
    public boolean recordsOnly() {
        return true;
    }
}
