package org.peerpath.billing;

import static org.peerpath.billing.BillingCase.FundingSource.BLOCK_GRANT;
import static org.peerpath.billing.BillingCase.FundingSource.HEALTHY_MICHIGAN;
import static org.peerpath.billing.BillingCase.FundingSource.MEDICAID;
import static org.peerpath.billing.BillingCase.FundingSource.PA2;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.peerpath.billing.BillingCase.Authorization;
import org.peerpath.billing.BillingCase.CoachRole;
import org.peerpath.billing.BillingCase.Contact;
import org.peerpath.billing.BillingCase.EligibilityCriterion;
import org.peerpath.billing.BillingCase.Enrollee;
import org.peerpath.billing.BillingCase.FundingSource;
import org.peerpath.billing.BillingCase.GroupFormat;
import org.peerpath.billing.BillingCase.Setting;

/**
 * Michigan: CMHSP guidance on peer recovery support services, sections IV, VI and XI-XII (seeds/003).
 * Whole 15-minute quarters only; T1012 with the client present, H0038 without.
 */
final class MichiganPack {

    static final String AUTHORIZATION_REQUIRED = "MI.AUTHORIZATION_REQUIRED";
    static final String AUTHORIZATION_EXCEEDED = "MI.AUTHORIZATION_EXCEEDED";
    static final String MIN_DURATION = "MI.MIN_DURATION";
    static final String NON_FACE_TO_FACE_NOT_COVERED = "MI.NON_FACE_TO_FACE_NOT_COVERED";
    static final String NO_FUNDING_SOURCE = "MI.NO_FUNDING_SOURCE";
    static final String GROUP_FORMAT_REQUIRED = "MI.GROUP_FORMAT_REQUIRED";
    static final String GROUP_PROVIDER_MISMATCH = "MI.GROUP_PROVIDER_MISMATCH";
    static final String SUPPORT_TYPE_REQUIRED = "MI.SUPPORT_TYPE_REQUIRED";
    static final String ELIGIBILITY_NOT_DOCUMENTED = "MI.ELIGIBILITY_NOT_DOCUMENTED";
    static final String STAND_ALONE_PERIOD_ENDED = "MI.STAND_ALONE_PERIOD_ENDED";
    static final String SUPERVISOR_NOT_MCBAP = "MI.SUPERVISOR_NOT_MCBAP";

    static final String CLIENT_PRESENT_CODE = "T1012";
    static final String CLIENT_NOT_PRESENT_CODE = "H0038";

    private static final String BILLING = "Michigan guidance XII (seeds/003)";
    private static final int MINIMUM_MINUTES_WITHOUT_CLIENT = 15;
    static final int STAND_ALONE_MONTHS = 6;

    // Michigan XII: Medicaid and Healthy Michigan pay only when the client is present; Block Grant and PA2 pay
    // for every listed contact. The enrollee's own order of funding sources decides among those allowed.
    private static final List<FundingSource> CLIENT_PRESENT_FUNDING =
            List.of(MEDICAID, HEALTHY_MICHIGAN, BLOCK_GRANT, PA2);
    private static final List<FundingSource> CLIENT_NOT_PRESENT_FUNDING = List.of(BLOCK_GRANT, PA2);

    // Michigan XII, Billing Codes: group formats and their T1012 modifiers.
    private static final Map<GroupFormat, List<String>> GROUP_MODIFIERS = Map.of(
            GroupFormat.PEER_LED, List.of("HQ"),
            GroupFormat.THERAPIST_PRESENT, List.of("TT"),
            GroupFormat.MAT_BY_COACH, List.of("TG", "HG"),
            GroupFormat.MAT_BY_ASSOCIATE, List.of("HG"));

    // Michigan XII: "All recovery support services must be preauthorized"; XI: "Units of recovery support shall
    // be counted toward the hours of service allowable within an authorization request". Any kind of
    // authorization covering the date of service counts.
    static final BillingRule AUTHORIZATION = BillingRule.blocking(
            AUTHORIZATION_REQUIRED,
            "Michigan guidance XI, XII (seeds/003)",
            service -> service.onDateOfService(date -> covering(service).isEmpty()),
            service -> "No authorization covers " + service.dateOfService()
                    + "; every Michigan service must be preauthorized. Request an authorization before billing.");

    // Michigan XI, XII as above: a covering authorization must have enough unused units for the whole contact;
    // a contact that would go over is not billable at all (it is not split).
    static final BillingRule AUTHORIZED_UNITS = BillingRule.blocking(
            AUTHORIZATION_EXCEEDED,
            "Michigan guidance XI, XII (seeds/003)",
            service -> !covering(service).isEmpty() && chargedAuthorization(service).isEmpty(),
            MichiganPack::authorizationExceededMessage);

    // Michigan XII: telephone and collateral contacts are billable with a minimum of 15 minutes.
    static final BillingRule MINIMUM_DURATION = BillingRule.blocking(
            MIN_DURATION,
            BILLING,
            service -> service.timed()
                    && !service.contact().clientPresent()
                    && service.minutes() < MINIMUM_MINUTES_WITHOUT_CLIENT,
            service -> "Phone and collateral contacts without the client present must last at least 15 minutes;"
                    + " this one lasted " + service.minutes() + ".");

    // Michigan XII: H0038 (client not present) "may only be billed to block grant and PA2".
    static final BillingRule NON_FACE_TO_FACE_FUNDING = BillingRule.blocking(
            NON_FACE_TO_FACE_NOT_COVERED,
            BILLING,
            service -> !service.contact().clientPresent() && funding(service).isEmpty(),
            "Contacts without the client present can be billed only to Block Grant or PA2, and this enrollee has"
                    + " neither.");

    // Michigan XII: services are billable to Medicaid, Healthy Michigan, Block Grant or PA2; an enrollee with
    // none of them has nothing the service could be billed to. (Derived: the spec names only the
    // client-not-present case.)
    static final BillingRule FUNDING_SOURCE = BillingRule.blocking(
            NO_FUNDING_SOURCE,
            BILLING,
            service -> service.contact().clientPresent() && funding(service).isEmpty(),
            "The enrollee has no Medicaid, Healthy Michigan, Block Grant or PA2 funding on file to bill this"
                    + " service to.");

    // Michigan XII, Billing Codes: each group format has its own T1012 modifiers, so a group cannot be billed
    // without its format. (Derived from the code definitions.)
    static final BillingRule GROUP_FORMAT = BillingRule.blocking(
            GROUP_FORMAT_REQUIRED,
            BILLING,
            service -> isGroupWithClient(service.contact()) && service.contact().groupFormat() == null,
            "Choose the group's format (peer-led, therapist present, or medication-assisted treatment) so the"
                    + " right code can be billed.");

    // Michigan XII, Billing Codes: T1012.TG.HG is for MAT groups "facilitated by a peer recovery Coach",
    // T1012.HG for those "facilitated by a peer recovery Associate". (Derived from the modifier definitions.)
    static final BillingRule GROUP_PROVIDER = BillingRule.blocking(
            GROUP_PROVIDER_MISMATCH,
            BILLING,
            MichiganPack::groupLedByWrongRole,
            service -> service.contact().groupFormat() == GroupFormat.MAT_BY_COACH
                    ? "A medication-assisted treatment group billed as T1012 TG HG must be led by a recovery"
                            + " coach."
                    : "A medication-assisted treatment group billed as T1012 HG must be led by a recovery"
                            + " associate.");

    // Michigan XII: "Billable services must fall within at least one of the four Types of Supports" (listed
    // in Michigan VI: emotional, informational, instrumental, affiliational).
    static final BillingRule SUPPORT_TYPE = BillingRule.blocking(
            SUPPORT_TYPE_REQUIRED,
            "Michigan guidance XII, VI (seeds/003)",
            service -> service.contact().supportTypes().isEmpty(),
            "Record the type of support you gave: emotional, informational, instrumental or affiliational.");

    // Michigan IV: criterion 1 and at least one of criteria 2-5 must be present, plus the client's agreement
    // to participate.
    static final BillingRule ELIGIBILITY = BillingRule.blocking(
            ELIGIBILITY_NOT_DOCUMENTED,
            "Michigan guidance IV (seeds/003)",
            service -> !missingEligibility(service.enrollee()).isEmpty(),
            service -> "The enrollee's eligibility is not documented: record "
                    + CommonRules.sentenceList(missingEligibility(service.enrollee())) + ".");

    // Michigan XI.E: once acute treatment ends, stand-alone services may continue for up to six months.
    static final BillingRule STAND_ALONE_PERIOD = BillingRule.blocking(
            STAND_ALONE_PERIOD_ENDED,
            "Michigan guidance XI.E (seeds/003)",
            service -> standAloneEnd(service.enrollee())
                    .map(lastDay -> service.onDateOfService(date -> date.isAfter(lastDay)))
                    .orElse(false),
            service -> "Stand-alone services may continue only until "
                    + standAloneEnd(service.enrollee()).orElseThrow()
                    + ", six months after acute treatment ended on "
                    + service.enrollee().acuteTreatmentEndedOn() + ".");

    // Michigan guidance IX (seeds/003): peers "are required to be supervised by MCBAP certified staff". Judged
    // when a supervisor is on record that day (else SUPERVISION_NOT_DOCUMENTED says so).
    static final BillingRule MCBAP_SUPERVISION = BillingRule.blocking(
            SUPERVISOR_NOT_MCBAP,
            "Michigan guidance IX (seeds/003)",
            service -> service.coach().supervisor() != null && service.onDateOfService(
                    date -> !service.coach().supervisor().holdsOn(date, BillingCase.CredentialType.MCBAP)),
            service -> "Michigan requires supervision by MCBAP certified staff; your supervisor has no MCBAP"
                    + " certification active on " + service.dateOfService() + ".");

    // Michigan guidance VIII and X (seeds/003): a peer recovery coach completes the MDCH/BSAAS designated
    // training, the CCAR Peer Recovery Coach Training or an equivalent (X.A); a peer recovery associate receives
    // the hiring agency's training (X.B), which a coach's training also covers.
    static final CredentialRequirement COACH_CREDENTIAL = new CredentialRequirement(
            "a peer recovery coach credential (MDCH/BSAAS designated, CCAR or equivalent training)",
            java.util.Set.of(BillingCase.CredentialType.PEER_RECOVERY_COACH_TRAINING), null,
            "Michigan guidance VIII.A and X.A (seeds/003)");
    static final CredentialRequirement ASSOCIATE_CREDENTIAL = new CredentialRequirement(
            "a peer recovery associate's training (or a peer recovery coach credential)",
            java.util.Set.of(BillingCase.CredentialType.PEER_RECOVERY_ASSOCIATE_TRAINING,
                    BillingCase.CredentialType.PEER_RECOVERY_COACH_TRAINING), null,
            "Michigan guidance VIII.B and X.B (seeds/003)");

    static final RulePack PACK = new RulePack(
            "MI",
            UnitRounding.WHOLE_QUARTERS,
            MichiganPack::claimLine,
            role -> role == BillingCase.CoachRole.RECOVERY_ASSOCIATE ? ASSOCIATE_CREDENTIAL : COACH_CREDENTIAL,
            List.of(ELIGIBILITY, AUTHORIZATION, AUTHORIZED_UNITS, STAND_ALONE_PERIOD, MINIMUM_DURATION,
                    NON_FACE_TO_FACE_FUNDING, FUNDING_SOURCE, GROUP_FORMAT, GROUP_PROVIDER, SUPPORT_TYPE,
                    MCBAP_SUPERVISION));

    private MichiganPack() {
    }

    // Michigan XII, Billing Codes: T1012 (with group modifiers) when the client is present, else H0038.
    private static ClaimLine claimLine(DeliveredService service) {
        Contact contact = service.contact();
        String code = contact.clientPresent() ? CLIENT_PRESENT_CODE : CLIENT_NOT_PRESENT_CODE;
        List<String> modifiers = isGroupWithClient(contact) && contact.groupFormat() != null
                ? GROUP_MODIFIERS.get(contact.groupFormat())
                : List.of();
        return new ClaimLine(
                code,
                modifiers,
                funding(service).orElse(null),
                chargedAuthorization(service).map(Authorization::id).orElse(null));
    }

    private static Optional<FundingSource> funding(DeliveredService service) {
        List<FundingSource> allowed = service.contact().clientPresent()
                ? CLIENT_PRESENT_FUNDING
                : CLIENT_NOT_PRESENT_FUNDING;
        return service.enrollee().fundingSources().stream().filter(allowed::contains).findFirst();
    }

    private static List<Authorization> covering(DeliveredService service) {
        return service.authorizationsCovering(kind -> true);
    }

    private static Optional<Authorization> chargedAuthorization(DeliveredService service) {
        return service.chargeableAuthorization(kind -> true);
    }

    private static String authorizationExceededMessage(DeliveredService service) {
        Authorization fullest = covering(service).stream()
                .max(Comparator.comparingInt(Authorization::unitsRemaining))
                .orElseThrow();
        return "This contact needs " + UnitRounding.describe(service.units()) + " but authorization "
                + fullest.id() + " has only " + UnitRounding.describe(fullest.unitsRemaining())
                + " left. Request more units before billing it.";
    }

    private static boolean isGroupWithClient(Contact contact) {
        return contact.clientPresent() && contact.setting() == Setting.GROUP;
    }

    private static boolean groupLedByWrongRole(DeliveredService service) {
        Contact contact = service.contact();
        if (!isGroupWithClient(contact)) {
            return false;
        }
        CoachRole role = service.coach().role();
        return contact.groupFormat() == GroupFormat.MAT_BY_COACH && role != CoachRole.RECOVERY_COACH
                || contact.groupFormat() == GroupFormat.MAT_BY_ASSOCIATE && role != CoachRole.RECOVERY_ASSOCIATE;
    }

    private static List<String> missingEligibility(Enrollee enrollee) {
        Set<EligibilityCriterion> criteria = enrollee.eligibilityCriteria();
        List<String> missing = new ArrayList<>();
        if (!criteria.contains(EligibilityCriterion.NEEDS_NOT_MET_ELSEWHERE)) {
            missing.add("criterion 1 (needs not met by another program)");
        }
        if (criteria.stream().noneMatch(criterion -> criterion != EligibilityCriterion.NEEDS_NOT_MET_ELSEWHERE)) {
            missing.add("at least one of criteria 2 to 5");
        }
        if (!enrollee.agreedToParticipate()) {
            missing.add("the client's agreement to participate");
        }
        return missing;
    }

    /** The last day of the stand-alone period, when the enrollee is in stand-alone services. */
    static Optional<LocalDate> standAloneEnd(Enrollee enrollee) {
        return enrollee.standAlone() && enrollee.acuteTreatmentEndedOn() != null
                ? Optional.of(standAloneEndAfter(enrollee.acuteTreatmentEndedOn()))
                : Optional.empty();
    }

    /** The last day of the stand-alone period after acute treatment ended on {@code acuteTreatmentEndedOn}. */
    static LocalDate standAloneEndAfter(LocalDate acuteTreatmentEndedOn) {
        return acuteTreatmentEndedOn.plusMonths(STAND_ALONE_MONTHS);
    }
}
