package org.peerpath.reminders;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import org.peerpath.graphql.InputProblems;
import org.peerpath.security.Viewer;

/**
 * Registered devices. Registering is idempotent by token: a retry, or the app refreshing its token, only
 * moves {@code lastSeenAt}; a token registered by someone else (a shared phone, a new sign-in) moves to the
 * person signed in now, so pushes never reach the previous owner. Tokens not refreshed for 60 days are dropped,
 * as FCM advises for stale tokens.
 */
@Service
class Devices implements SmartInitializingSingleton {

    static final Duration STALE_AFTER = Duration.ofDays(60);

    private final MongoTemplate mongo;
    private final java.time.Clock clock;

    Devices(MongoTemplate mongo, java.time.Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    @Override
    public void afterSingletonsInstantiated() {
        mongo.indexOps(Device.class).createIndex(new Index().on("ownerId", Sort.Direction.ASC).named("owner"));
    }

    record RegisterDeviceInput(String token, Device.Platform platform, String appVersion, String timeZone) {
    }

    Device register(Viewer viewer, RegisterDeviceInput input) {
        InputProblems problems = new InputProblems()
                .text(input.token(), "token", 4096)
                .check(input.platform() == null, "'platform' is required.")
                .text(input.appVersion(), "appVersion", 50)
                .text(input.timeZone(), "timeZone", 60);
        if (input.timeZone() != null && !input.timeZone().isBlank()) {
            try {
                ZoneId.of(input.timeZone());
            }
            catch (DateTimeException ex) {
                problems.add("'timeZone' is not a time zone (e.g. America/Detroit).");
            }
        }
        problems.throwIfAny();
        Instant now = clock.instant();
        Update update = new Update().set("ownerId", viewer.personId()).set("organizationId", viewer.organizationId())
                .set("platform", input.platform()).set("appVersion", input.appVersion())
                .set("timeZone", input.timeZone()).set("lastSeenAt", now).setOnInsert("registeredAt", now);
        mongo.upsert(Query.query(Criteria.where("_id").is(input.token())), update, Device.class);
        return mongo.findById(input.token(), Device.class);
    }

    /** Removes the viewer's own device; someone else's token is treated as unknown. */
    boolean unregister(Viewer viewer, String token) {
        new InputProblems().text(token, "token", 4096).throwIfAny();
        return mongo.remove(Query.query(Criteria.where("_id").is(token).and("ownerId").is(viewer.personId())),
                Device.class).getDeletedCount() > 0;
    }

    List<Device> of(Viewer viewer) {
        return mongo.find(Query.query(Criteria.where("ownerId").is(viewer.personId())).with(Sort.by("registeredAt")),
                Device.class);
    }

    /** The tokens of several people, in one query. */
    Map<String, List<String>> tokensOf(Collection<String> personIds) {
        return mongo.find(Query.query(Criteria.where("ownerId").in(personIds)), Device.class).stream()
                .collect(Collectors.groupingBy(Device::ownerId,
                        Collectors.mapping(Device::token, Collectors.toList())));
    }

    /** Removes tokens FCM answered as unregistered or invalid, in one command. */
    void removeTokens(Collection<String> tokens) {
        if (!tokens.isEmpty()) {
            mongo.remove(Query.query(Criteria.where("_id").in(tokens)), Device.class);
        }
    }

    /** Drops tokens not refreshed for 60 days; how many. */
    long dropStale(Instant now) {
        return mongo.remove(Query.query(Criteria.where("lastSeenAt").lt(now.minus(STALE_AFTER))), Device.class)
                .getDeletedCount();
    }
}
