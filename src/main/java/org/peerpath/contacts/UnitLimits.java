package org.peerpath.contacts;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import org.peerpath.billing.RollingWindow;
import org.peerpath.people.Authorization;
import org.peerpath.people.AuthorizationKind;
import org.peerpath.people.Enrollee;
import org.peerpath.people.Organization;
import org.peerpath.people.ProgramStatus;
import org.peerpath.people.RulePack;

/**
 * Which enrollees of an organization are close to a unit limit, for the supervisor's dashboard: the same
 * 90 % rule and the same ledger as {@code unitUsage} shows one enrollee (see {@link ContactBilling#usage}), but
 * for the whole organization in three database commands whatever its size: the enrollees, the authorizations
 * active today, and the ledgers in one {@code $in} query. Callers check access and audit.
 */
@Component
public class UnitLimits {

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

    /**
     * The organization's enrollees (not discharged) near a limit on {@code today} (organization zone): each
     * authorization covering today with 90 % of its units used and, for Indiana-pack organizations, the rolling
     * 12-month window ending today with 90 % of 1,460 units plus the prior authorizations covering today used
     * (Indiana guide, seeds/002). Ordered by enrollee name, then authorizations before the annual cap.
     */
    public List<NearLimit> nearLimit(Organization organization, LocalDate today) {
        List<Enrollee> enrollees = mongo.find(Query.query(Criteria.where("organizationId").is(organization.id())
                .and("status").ne(ProgramStatus.DISCHARGED)), Enrollee.class);
        Map<String, Enrollee> byId = enrollees.stream().collect(Collectors.toMap(Enrollee::id, Function.identity()));
        Map<String, List<Authorization>> active = mongo.find(Query.query(Criteria.where("organizationId")
                .is(organization.id()).and("validFrom").lte(today).and("validTo").gte(today)), Authorization.class)
                .stream().filter(a -> byId.containsKey(a.enrolleeId()) && a.covers(today))
                .collect(Collectors.groupingBy(Authorization::enrolleeId));
        boolean annualCap = organization.rulePackOn(today) == RulePack.IN;
        Set<String> ledgerIds = annualCap ? byId.keySet() : active.keySet();
        if (ledgerIds.isEmpty()) {
            return List.of();
        }
        Map<String, UnitLedger> ledgers = mongo.find(Query.query(Criteria.where("_id").in(ledgerIds)),
                UnitLedger.class).stream().collect(Collectors.toMap(UnitLedger::enrolleeId, Function.identity()));

        RollingWindow window = RollingWindow.of(today);
        List<NearLimit> rows = new ArrayList<>();
        for (String enrolleeId : ledgerIds) {
            UnitLedger ledger = ledgers.get(enrolleeId);
            if (ledger == null) {
                continue; // nothing signed yet: nothing used
            }
            Enrollee enrollee = byId.get(enrolleeId);
            List<Authorization> authorizations = active.getOrDefault(enrolleeId, List.of());
            for (Authorization authorization : authorizations) {
                int used = ledger.usedOn(authorization.id(), null);
                if (authorization.unitsAuthorized() != null && UnitUsage.nearLimit(used, authorization.unitsAuthorized())) {
                    rows.add(new NearLimit(enrollee, Kind.AUTHORIZATION, authorization, used,
                            authorization.unitsAuthorized(), Math.max(0, authorization.unitsAuthorized() - used)));
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
                    rows.add(new NearLimit(enrollee, Kind.ANNUAL_CAP, null, used, limit, Math.max(0, limit - used)));
                }
            }
        }
        rows.sort(Comparator.comparing((NearLimit r) -> r.enrollee().sortName(),
                        Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(r -> r.enrollee().id()).thenComparing(NearLimit::kind)
                .thenComparing(r -> r.authorization() == null ? null : r.authorization().validFrom(),
                        Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(r -> r.authorization() == null ? "" : r.authorization().id()));
        return rows;
    }
}
