package org.peerpath.contacts;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import org.peerpath.billing.RollingWindow;
import org.peerpath.database.IdPages;
import org.peerpath.graphql.CountedConnection;
import org.peerpath.graphql.PageRequest;
import org.peerpath.people.Authorization;
import org.peerpath.people.AuthorizationKind;
import org.peerpath.people.Enrollee;
import org.peerpath.people.Organization;
import org.peerpath.people.ProgramStatus;
import org.peerpath.people.RulePack;

/**
 * Which enrollees of an organization are close to a unit limit, for the supervisor's dashboard: the same
 * 90 % rule and the same ledger as {@code unitUsage} shows one enrollee (see {@link ContactBilling#usage}), but
 * for the whole organization. The organization's authorizations covering today (or, for Indiana's annual cap,
 * its enrollees) are walked in id pages ({@link IdPages}), each page's enrollees and ledgers read with it, so no
 * reply grows with the organization (issue 19); only the limits found are kept, and only the enrollees of the page
 * answered are read whole. Callers check access and audit.
 */
@Component
public class UnitLimits {

    /** What a near limit's key needs of an enrollee (with what {@link Enrollee} needs to be read at all). */
    private static final List<String> ENROLLEE_FIELDS = List.of("sortName", "inStandAloneServices",
            "parentOrGuardianOfChild", "version");

    private static final List<String> AUTHORIZATION_FIELDS = List.of("organizationId", "enrolleeId", "kind",
            "validFrom", "validTo", "unitsAuthorized", "unitsUsed", "createdAt", "creationDigest");

    private final MongoTemplate mongo;

    UnitLimits(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Which limit is close. */
    public enum Kind {
        /** An authorization active today. */
        AUTHORIZATION,
        /** Indiana's rolling 12-month limit (Indiana guide, seeds/002). */
        ANNUAL_CAP
    }

    /**
     * One limit of one enrollee with 90 % or more of its units used.
     *
     * @param authorization the authorization for {@link Kind#AUTHORIZATION}, null for the annual cap
     */
    public record NearLimit(Enrollee enrollee, Kind kind, Authorization authorization, int used, int limit,
            int remaining) {
    }

    /** A limit found, before its enrollee is read whole; {@code key} is its place in the list's order. */
    private record Found(String enrolleeId, String key, Kind kind, Authorization authorization, int used, int limit) {
    }

    /**
     * How many limits of the organization's enrollees (not discharged) are near on {@code today} (organization
     * zone), and one page of them: each authorization covering today with 90 % of its units used and, for
     * Indiana-pack organizations, the rolling 12-month window ending today with 90 % of 1,460 units plus the prior
     * authorizations covering today used (Indiana guide, seeds/002). Ordered by enrollee name, then authorizations
     * before the annual cap; the cursor is a row's place in that order.
     */
    public CountedConnection<NearLimit> nearLimit(Organization organization, LocalDate today, PageRequest page) {
        CountedConnection<Found> counted = CountedConnection.ofComputed(found(organization, today), page, Found::key);
        Map<String, Enrollee> enrollees = enrollees(counted.nodes());
        return counted.map(found -> nearLimit(found, enrollees));
    }

    /** Every limit {@link #nearLimit(Organization, LocalDate, PageRequest)} pages through, in its order. */
    public List<NearLimit> nearLimit(Organization organization, LocalDate today) {
        List<Found> all = found(organization, today);
        Map<String, Enrollee> enrollees = enrollees(all);
        return all.stream().map(found -> nearLimit(found, enrollees)).toList();
    }

    private List<Found> found(Organization organization, LocalDate today) {
        List<Found> found = organization.rulePackOn(today) == RulePack.IN ? withAnnualCap(organization, today)
                : authorizationsOnly(organization, today);
        found.sort(Comparator.comparing(Found::key));
        return found;
    }

    /**
     * Indiana's annual cap concerns every enrollee, so the organization's enrollees are walked in id pages, each
     * page's authorizations active today and ledgers read with it: three commands per {@value IdPages#SIZE}
     * enrollees.
     */
    private List<Found> withAnnualCap(Organization organization, LocalDate today) {
        RollingWindow window = RollingWindow.of(today);
        List<Found> found = new ArrayList<>();
        IdPages.forEach(mongo, Criteria.where("organizationId").is(organization.id())
                .and("status").ne(ProgramStatus.DISCHARGED), Enrollee.class, Enrollee::id, IdPages.SIZE,
                ENROLLEE_FIELDS, page -> {
                    Map<String, Enrollee> byId = page.stream()
                            .collect(Collectors.toMap(Enrollee::id, Function.identity()));
                    Map<String, List<Authorization>> active = mongo.find(Query.query(Criteria.where("enrolleeId")
                            .in(byId.keySet()).and("validFrom").lte(today).and("validTo").gte(today)),
                            Authorization.class).stream()
                            .filter(a -> organization.id().equals(a.organizationId()) && a.covers(today))
                            .collect(Collectors.groupingBy(Authorization::enrolleeId));
                    found.addAll(near(byId, active, true, window));
                });
        return found;
    }

    /**
     * Without an annual cap only authorizations with units can be near, so the walk starts from the organization's
     * authorizations covering today (index {@code org_id}), not from its enrollees: a large organization whose
     * clients mostly have no authorization with units costs one command, not three per {@value IdPages#SIZE}
     * enrollees (issue 16: 570 dashboard commands at 100,000 enrollees, most of them this walk). Each page of
     * authorizations reads its enrollees (not discharged) and ledgers: an authorization's rows do not depend on the
     * enrollee's other authorizations, so an enrollee whose authorizations fall in two pages is still answered
     * right.
     */
    private List<Found> authorizationsOnly(Organization organization, LocalDate today) {
        RollingWindow window = RollingWindow.of(today);
        List<Found> found = new ArrayList<>();
        IdPages.forEach(mongo, Criteria.where("organizationId").is(organization.id()).and("validTo").gte(today)
                .and("validFrom").lte(today).and("unitsAuthorized").ne(null), Authorization.class,
                Authorization::id, IdPages.SIZE, AUTHORIZATION_FIELDS, page -> {
                    Map<String, List<Authorization>> active = page.stream().filter(a -> a.covers(today))
                            .collect(Collectors.groupingBy(Authorization::enrolleeId));
                    if (active.isEmpty()) {
                        return;
                    }
                    Query enrollees = Query.query(Criteria.where("_id").in(active.keySet())
                            .and("organizationId").is(organization.id()).and("status").ne(ProgramStatus.DISCHARGED));
                    enrollees.fields().include(ENROLLEE_FIELDS.toArray(String[]::new));
                    Map<String, Enrollee> byId = mongo.find(enrollees, Enrollee.class).stream()
                            .collect(Collectors.toMap(Enrollee::id, Function.identity()));
                    if (byId.isEmpty()) {
                        return;
                    }
                    found.addAll(near(byId, active, false, window));
                });
        return found;
    }

    /** The limits near use of {@code enrollees}, their ledgers read in one query. */
    private List<Found> near(Map<String, Enrollee> enrollees, Map<String, List<Authorization>> active,
            boolean annualCap, RollingWindow window) {
        List<Found> found = new ArrayList<>();
        for (UnitLedger ledger : mongo.find(Query.query(Criteria.where("_id").in(enrollees.keySet())),
                UnitLedger.class)) {
            found.addAll(near(enrollees.get(ledger.enrolleeId()), active.getOrDefault(ledger.enrolleeId(), List.of()),
                    ledger, annualCap, window));
        }
        return found;
    }

    /** An enrollee's limits near use (an enrollee without a ledger has signed nothing yet: nothing used). */
    private static List<Found> near(Enrollee enrollee, List<Authorization> authorizations, UnitLedger ledger,
            boolean annualCap, RollingWindow window) {
        List<Found> rows = new ArrayList<>();
        for (Authorization authorization : authorizations) {
            int used = ledger.usedOn(authorization.id(), null);
            if (authorization.unitsAuthorized() != null && UnitUsage.nearLimit(used, authorization.unitsAuthorized())) {
                rows.add(new Found(enrollee.id(), key(enrollee, Kind.AUTHORIZATION, authorization), Kind.AUTHORIZATION,
                        authorization, used, authorization.unitsAuthorized()));
            }
        }
        if (annualCap) {
            // As ContactBilling.usage: 1,460 units a rolling year, more with a prior authorization covering
            // today (Indiana guide, seeds/002).
            int limit = ContactBilling.INDIANA_ANNUAL_UNITS + authorizations.stream()
                    .filter(a -> a.kind() == AuthorizationKind.PRIOR_AUTHORIZATION)
                    .mapToInt(Authorization::unitsAuthorized).sum();
            int used = ledger.usedBetween(window.first(), window.last(), null);
            if (UnitUsage.nearLimit(used, limit)) {
                rows.add(new Found(enrollee.id(), key(enrollee, Kind.ANNUAL_CAP, null), Kind.ANNUAL_CAP, null, used,
                        limit));
            }
        }
        return rows;
    }

    /** Enrollee name (unnamed last), id, authorizations before the cap, then the authorization's start and id. */
    private static String key(Enrollee enrollee, Kind kind, Authorization authorization) {
        return (enrollee.sortName() == null ? "1" : "0" + enrollee.sortName()) + '\0' + enrollee.id() + '\0'
                + kind.ordinal() + '\0' + (authorization == null ? "" : authorization.validFrom() + "\0"
                        + authorization.id());
    }

    /** The enrollees the rows name, read whole, {@value IdPages#SIZE} ids a query. */
    private Map<String, Enrollee> enrollees(List<Found> rows) {
        List<String> ids = rows.stream().map(Found::enrolleeId).distinct().toList();
        Map<String, Enrollee> byId = new java.util.HashMap<>();
        for (int from = 0; from < ids.size(); from += IdPages.SIZE) {
            mongo.find(Query.query(Criteria.where("_id").in(ids.subList(from, Math.min(ids.size(),
                    from + IdPages.SIZE)))), Enrollee.class).forEach(enrollee -> byId.put(enrollee.id(), enrollee));
        }
        return byId;
    }

    private static NearLimit nearLimit(Found found, Map<String, Enrollee> enrollees) {
        return new NearLimit(enrollees.get(found.enrolleeId()), found.kind(), found.authorization(), found.used(),
                found.limit(), Math.max(0, found.limit() - found.used()));
    }
}
