package org.peerpath.reminders;

import java.util.List;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;

import org.peerpath.graphql.Connection;
import org.peerpath.graphql.PageRequest;
import org.peerpath.reminders.Devices.RegisterDeviceInput;
import org.peerpath.reminders.ReminderSettingsRegistry.UpdateReminderSettingsInput;
import org.peerpath.security.Viewer;

/** The operations of graphql/reminders.graphqls. */
@Controller
class ReminderController {

    private final Devices devices;
    private final PushNotifications notifications;
    private final ReminderSettingsRegistry settings;

    ReminderController(Devices devices, PushNotifications notifications, ReminderSettingsRegistry settings) {
        this.devices = devices;
        this.notifications = notifications;
        this.settings = settings;
    }

    record RegisterDevicePayload(Device device) {
    }

    record UnregisterDevicePayload(String token, boolean removed) {
    }

    record ReminderSettingsPayload(ReminderSettings settings) {
    }

    @MutationMapping
    RegisterDevicePayload registerDevice(@AuthenticationPrincipal Viewer viewer, @Argument RegisterDeviceInput input) {
        return new RegisterDevicePayload(devices.register(viewer, input));
    }

    @MutationMapping
    UnregisterDevicePayload unregisterDevice(@AuthenticationPrincipal Viewer viewer, @Argument String token) {
        return new UnregisterDevicePayload(token, devices.unregister(viewer, token));
    }

    @QueryMapping
    List<Device> myDevices(@AuthenticationPrincipal Viewer viewer) {
        return devices.of(viewer);
    }

    @QueryMapping
    Connection<Notification> myNotifications(@AuthenticationPrincipal Viewer viewer, @Argument Integer first,
            @Argument String after) {
        return notifications.mine(viewer, PageRequest.of(first, after, 20));
    }

    @QueryMapping
    Connection<Notification> recordedNotifications(@AuthenticationPrincipal Viewer viewer, @Argument Integer first,
            @Argument String after) {
        return notifications.recorded(viewer, PageRequest.of(first, after, 20));
    }

    @QueryMapping
    ReminderSettings reminderSettings(@AuthenticationPrincipal Viewer viewer) {
        return settings.of(viewer);
    }

    @MutationMapping
    ReminderSettingsPayload updateReminderSettings(@AuthenticationPrincipal Viewer viewer,
            @Argument UpdateReminderSettingsInput input) {
        return new ReminderSettingsPayload(settings.update(viewer, input));
    }

    @SchemaMapping(typeName = "ReminderSettings", field = "sendAt")
    String sendAt(ReminderSettings settings) {
        return settings.sendAt().toString();
    }

    @SchemaMapping(typeName = "ReminderSettings", field = "quietFrom")
    String quietFrom(ReminderSettings settings) {
        return settings.quietFrom().toString();
    }

    @SchemaMapping(typeName = "ReminderSettings", field = "quietUntil")
    String quietUntil(ReminderSettings settings) {
        return settings.quietUntil().toString();
    }
}
