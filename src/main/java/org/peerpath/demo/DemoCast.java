package org.peerpath.demo;

import java.util.List;

import org.peerpath.people.FundingSource;
import org.peerpath.people.ProgramStatus;
import org.peerpath.people.RulePack;

/**
 * Who is who in the demo, as the README's table of demo logins names them: the three organizations, their staff,
 * and their nine enrollees. The enrollee who signs in ({@code enrollee.<state>}, index 0) has a name of their own
 * in each organization; the other eight share their names across the three.
 */
final class DemoCast {

    private DemoCast() {
    }

    /** One demo organization: {@code state} is the login suffix (mi, in, tn). */
    record DemoOrganization(String state, RulePack pack, String name, String zone,
            boolean tennCareProvider, String adminLogin, String secondLogin) {
    }

    static final List<DemoOrganization> ORGANIZATIONS = List.of(
            new DemoOrganization("mi", RulePack.MI, "Lakeshore Recovery Community (demo)",
                    "America/Detroit", false, "admin", "associate.mi"),
            new DemoOrganization("in", RulePack.IN, "Hoosier Peer Partners (demo)",
                    "America/Indiana/Indianapolis", false, "admin.in", "coach2.in"),
            new DemoOrganization("tn", RulePack.TN, "Cumberland Peer Recovery (demo)",
                    "America/Chicago", true, "admin.tn", "coach2.tn"));

    /**
     * A demo enrollee; {@code childIndex}: for a parent or guardian, the index of the child they are served for.
     * {@code onFirstCoach}: on {@code coach.<state>}'s caseload, otherwise on the second coach's (the referred
     * enrollee has no coach yet).
     */
    record DemoEnrollee(String firstName, String lastName, String preferredName, int age, ProgramStatus status,
            boolean onFirstCoach, List<FundingSource> funding, String login, Integer childIndex) {

        String fullName() {
            return firstName + " " + lastName;
        }
    }

    /** The enrollee who signs in as {@code enrollee.<state>}: their name in each organization (README). */
    static DemoEnrollee signedInEnrollee(String state) {
        String[] name = switch (state) {
            case "mi" -> new String[] {"Jordan", "Rivers"};
            case "in" -> new String[] {"Skyler", "Reed"};
            case "tn" -> new String[] {"Emery", "Walsh"};
            default -> throw new IllegalArgumentException(state);
        };
        return new DemoEnrollee(name[0], name[1], null, 34, ProgramStatus.ENROLLED, true,
                List.of(FundingSource.MEDICAID, FundingSource.BLOCK_GRANT), "enrollee." + state, null);
    }

    /** The nine enrollees of an organization, by index (the index is part of each one's id). */
    static List<DemoEnrollee> enrollees(String state) {
        return List.of(
                signedInEnrollee(state),
                new DemoEnrollee("Taylor", "Brooks", null, 41, ProgramStatus.ENROLLED, true,
                        List.of(FundingSource.HEALTHY_MICHIGAN), null, null),
                new DemoEnrollee("Morgan", "Hale", null, 27, ProgramStatus.ENROLLED, true,
                        List.of(FundingSource.BLOCK_GRANT, FundingSource.PA2), null, null),
                new DemoEnrollee("Riley", "Stone", "Ri", 15, ProgramStatus.ENROLLED, true,
                        List.of(FundingSource.MEDICAID), null, null),
                new DemoEnrollee("Alex", "Moreno", null, 52, ProgramStatus.DISCHARGED, true,
                        List.of(FundingSource.MEDICAID), null, null),
                new DemoEnrollee("Jamie", "Ortiz", null, 23, ProgramStatus.ENROLLED, false,
                        List.of(FundingSource.PA2), null, null),
                new DemoEnrollee("Quinn", "Foster", null, 38, ProgramStatus.REFERRED, false,
                        List.of(FundingSource.MEDICAID, FundingSource.OTHER), null, null),
                new DemoEnrollee("Drew", "Patel", "D", 61, ProgramStatus.ENROLLED, false,
                        List.of(FundingSource.OTHER), null, null),
                // Riley's parent, served for Riley's benefit (CMS FAQ A5; TennCare policy): the record names the
                // child, a Medicaid-eligible minor of the same organization.
                new DemoEnrollee("Dana", "Stone", null, 44, ProgramStatus.ENROLLED, true,
                        List.of(FundingSource.MEDICAID), null, 3));
    }

    /** The emergency contact every demo enrollee names: a sibling. */
    static String emergencyContactName(DemoEnrollee enrollee) {
        return "Pat " + enrollee.lastName();
    }
}
