package org.peerpath.people;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import org.peerpath.audit.AuditTrail;
import org.peerpath.database.CreateOnce;
import org.peerpath.database.VersionedUpdate;
import org.peerpath.graphql.DomainException;
import org.peerpath.graphql.Ids;
import org.peerpath.graphql.InputProblems;
import org.peerpath.people.AdministrationInputs.AddAuthorizationInput;
import org.peerpath.people.AdministrationInputs.AddCertificationInput;
import org.peerpath.people.AdministrationInputs.AssignCoachInput;
import org.peerpath.people.AdministrationInputs.CreateEnrolleeInput;
import org.peerpath.people.AdministrationInputs.CreateOrganizationInput;
import org.peerpath.people.AdministrationInputs.CreateStaffMemberInput;
import org.peerpath.people.AdministrationInputs.EligibilityInput;
import org.peerpath.people.AdministrationInputs.EmergencyContactInput;
import org.peerpath.people.AdministrationInputs.LinkSignInInput;
import org.peerpath.people.AdministrationInputs.UpdateEnrolleeInput;
import org.peerpath.people.AdministrationInputs.UpdateOrganizationInput;
import org.peerpath.people.AdministrationInputs.UpdateStaffMemberInput;
import org.peerpath.security.Role;
import org.peerpath.security.Viewer;

/**
 * Setting up an agency: organizations, staff, certifications, enrollees, authorizations and caseload
 * assignments. Administrators only (supervisors may also reassign coaches), always within their own
 * organization. Creations are idempotent on the client's id; updates are guarded by the version the client saw.
 * Every input is validated in full before anything is written.
 */
@Service
public class Administration {

    /**
     * A child, for a parent's or guardian's services, is under 18 (the age of majority in every pack's state; the
     * billing rule CHILD_NOT_ELIGIBLE counts whole years the same way on the date of service).
     */
    static final int CHILD_UNDER_AGE = 18;

    private final MongoTemplate mongo;
    private final AuditTrail trail;
    private final PeopleDirectory directory;
    private final Clock clock;

    Administration(MongoTemplate mongo, AuditTrail trail, PeopleDirectory directory, Clock clock) {
        this.mongo = mongo;
        this.trail = trail;
        this.directory = directory;
        this.clock = clock;
    }

    public Organization createOrganization(Viewer viewer, CreateOrganizationInput input) {
        requireAdmin(viewer);
        var admin = input.firstAdministrator();
        Checks checks = new Checks();
        checks.id(input.id(), "id").text(input.name(), "name", 200).zone(input.timeZone())
                .id(admin.id(), "firstAdministrator.id").text(admin.firstName(), "firstAdministrator.firstName", 100)
                .text(admin.lastName(), "firstAdministrator.lastName", 100)
                .text(admin.authSubject(), "firstAdministrator.authSubject", 200);
        int atRisk = valueOr(input.atRiskAfterDays(), Organization.DEFAULT_AT_RISK_AFTER_DAYS);
        int disengaged = valueOr(input.disengagedAfterDays(), Organization.DEFAULT_DISENGAGED_AFTER_DAYS);
        checks.thresholds(atRisk, disengaged).throwIfAny();

        Organization organization = new Organization(input.id(), input.name().trim(), input.rulePack(),
                input.timeZone(), Boolean.TRUE.equals(input.tennCareProvider()), atRisk, disengaged, 0, clock.instant(),
                CreateOnce.digest(viewer.personId(), input), List.of(), List.of(), null, null, null);
        StaffMember firstAdministrator = newStaffMember(viewer, input.id(), new CreateStaffMemberInput(admin.id(),
                admin.firstName(), admin.lastName(), StaffRole.ADMIN, admin.email(), admin.authSubject(), null, null));
        // Every refusal first: the organization's id, its administrator's id and the sign-in.
        CreateOnce.requireRetryOf(mongo.findById(organization.id(), Organization.class), organization,
                organization.id(), Organization::creationDigest);
        CreateOnce.requireRetryOf(mongo.findById(firstAdministrator.id(), StaffMember.class), firstAdministrator,
                firstAdministrator.id(), StaffMember::creationDigest);
        Identity signIn = new Identity(admin.authSubject(), admin.id(), Identity.Kind.STAFF, organization.id());
        requireSignInFree(signIn);
        return new Creation().run(creation -> {
            Organization stored = creation.insert(organization, organization.id(), Organization.class,
                    Organization::creationDigest);
            creation.insert(firstAdministrator, firstAdministrator.id(), StaffMember.class,
                    StaffMember::creationDigest);
            creation.link(signIn);
            return stored;
        });
    }

    public Organization updateOrganization(Viewer viewer, UpdateOrganizationInput input) {
        requireAdmin(viewer);
        Organization current = directory.organizationOf(viewer);
        Checks checks = new Checks();
        if (input.name() != null) {
            checks.text(input.name(), "name", 200);
        }
        if (input.timeZone() != null) {
            checks.zone(input.timeZone());
        }
        checks.thresholds(valueOr(input.atRiskAfterDays(), current.atRiskAfterDays()),
                valueOr(input.disengagedAfterDays(), current.disengagedAfterDays()))
                .lateEntryLimits(valueOr(input.lateEntryDays(), current.lateEntryDays()),
                        valueOr(input.lateEntryHardLimitDays(), current.lateEntryHardLimitDays()))
                .maxGroupSize(input.maxGroupSize())
                .throwIfAny();
        Update update = new Update();
        setIfGiven(update, "name", input.name() == null ? null : input.name().trim());
        setIfGiven(update, "timeZone", input.timeZone());
        setIfGiven(update, "tennCareProvider", input.tennCareProvider());
        setIfGiven(update, "atRiskAfterDays", input.atRiskAfterDays());
        setIfGiven(update, "disengagedAfterDays", input.disengagedAfterDays());
        setIfGiven(update, "lateEntryDays", input.lateEntryDays());
        setIfGiven(update, "lateEntryHardLimitDays", input.lateEntryHardLimitDays());
        setIfGiven(update, "maxGroupSize", input.maxGroupSize());
        return VersionedUpdate.apply(mongo, Organization.class, Criteria.where("_id").is(viewer.organizationId()),
                input.expectedVersion(), update, "Organization " + viewer.organizationId());
    }

    public StaffMember createStaffMember(Viewer viewer, CreateStaffMemberInput input) {
        requireAdmin(viewer);
        Checks checks = new Checks();
        checks.id(input.id(), "id").text(input.firstName(), "firstName", 100).text(input.lastName(), "lastName", 100);
        if (input.authSubject() != null) {
            checks.text(input.authSubject(), "authSubject", 200);
        }
        if (input.supervisorId() != null) {
            checks.id(input.supervisorId(), "supervisorId");
        }
        checks.throwIfAny();
        if (input.supervisorId() != null) {
            requireSupervisor(viewer, input.supervisorId());
        }
        StaffMember staff = newStaffMember(viewer, viewer.organizationId(), input);
        CreateOnce.requireRetryOf(mongo.findById(staff.id(), StaffMember.class), staff, staff.id(),
                StaffMember::creationDigest);
        Identity signIn = input.authSubject() == null ? null
                : new Identity(input.authSubject(), staff.id(), Identity.Kind.STAFF, staff.organizationId());
        requireSignInFree(signIn);
        return new Creation().run(creation -> {
            StaffMember stored = creation.insert(staff, staff.id(), StaffMember.class, StaffMember::creationDigest);
            creation.link(signIn);
            return stored;
        });
    }

    private StaffMember newStaffMember(Viewer viewer, String organizationId, CreateStaffMemberInput input) {
        return new StaffMember(input.id(), organizationId, input.firstName().trim(), input.lastName().trim(),
                input.role(), input.email(), input.supervisorId(), input.supervisorQualification(), List.of(), true, 0,
                clock.instant(), CreateOnce.digest(viewer.personId(), input));
    }

    public StaffMember updateStaffMember(Viewer viewer, UpdateStaffMemberInput input) {
        requireAdmin(viewer);
        Checks checks = new Checks().id(input.id(), "id");
        if (input.firstName() != null) {
            checks.text(input.firstName(), "firstName", 100);
        }
        if (input.lastName() != null) {
            checks.text(input.lastName(), "lastName", 100);
        }
        if (input.supervisorId() != null) {
            checks.id(input.supervisorId(), "supervisorId");
        }
        checks.throwIfAny();
        if (input.supervisorId() != null) {
            if (input.supervisorId().equals(input.id())) {
                throw DomainException.validation("A staff member cannot supervise themself.");
            }
            requireSupervisor(viewer, input.supervisorId());
        }
        Update update = new Update();
        setIfGiven(update, "firstName", input.firstName());
        setIfGiven(update, "lastName", input.lastName());
        setIfGiven(update, "email", input.email());
        if (input.supervisorId() != null) {
            // A change of supervisor takes effect today; who supervised before stays on record (Supervision).
            Supervision.changedFromToday(update, directory.staffMember(viewer, input.id()), input.supervisorId(),
                    LocalDate.ofInstant(clock.instant(), directory.organizationOf(viewer).zone()));
        }
        setIfGiven(update, "supervisorQualification", input.supervisorQualification());
        setIfGiven(update, "active", input.active());
        return VersionedUpdate.apply(mongo, StaffMember.class, inOrganization(viewer, input.id()),
                input.expectedVersion(), update, "Staff member " + input.id());
    }

    public StaffMember addCertification(Viewer viewer, AddCertificationInput input) {
        requireAdmin(viewer);
        Checks checks = new Checks().id(input.staffMemberId(), "staffMemberId").id(input.id(), "id")
                .text(input.number(), "number", 50).text(input.issuingState(), "issuingState", 2);
        checks.check(input.type() == null, "'type' is required.");
        if (input.validTo() != null && input.validTo().isBefore(input.validFrom())) {
            checks.add("'validTo' must not be before 'validFrom'.");
        }
        checks.throwIfAny();
        Certification certification = new Certification(input.id(), input.type().name(),
                input.number().trim(), input.issuingState().trim().toUpperCase(), input.validFrom(), input.validTo());
        // Adds it only if no certification has this id yet: a retried request changes nothing.
        mongo.updateFirst(Query.query(inOrganization(viewer, input.staffMemberId())
                .and("certifications.id").ne(input.id())), new Update().push("certifications", certification)
                .inc("version", 1), StaffMember.class);
        StaffMember staff = directory.staffMember(viewer, input.staffMemberId());
        staff.certifications().stream().filter(c -> c.id().equals(input.id())).findFirst()
                .filter(stored -> !stored.equals(certification))
                .ifPresent(stored -> {
                    throw DomainException.conflict("The id " + input.id() + " is already used by a different certification.",
                            Map.of("id", input.id()));
                });
        return staff;
    }

    public Enrollee createEnrollee(Viewer viewer, CreateEnrolleeInput input) {
        requireAdmin(viewer);
        // Today in the organization's zone: at 22:30 in Detroit it is already tomorrow in UTC, and a birth or a
        // referral "tomorrow" has not happened yet.
        LocalDate today = LocalDate.ofInstant(clock.instant(), directory.organizationOf(viewer).zone());
        Checks checks = new Checks().id(input.id(), "id").text(input.firstName(), "firstName", 100)
                .text(input.lastName(), "lastName", 100).birthDate(input.dateOfBirth(), today)
                .fundingSources(input.fundingSources()).emergencyContacts(input.emergencyContacts());
        if (input.preferredName() != null) {
            checks.text(input.preferredName(), "preferredName", 100);
        }
        if (input.coachId() != null) {
            checks.id(input.coachId(), "coachId");
        }
        if (input.authSubject() != null) {
            checks.text(input.authSubject(), "authSubject", 200);
        }
        // A status is a date in an episode (issue 10, item 1): a status without its date is refused.
        if (input.status() == ProgramStatus.ENROLLED && input.enrolledOn() == null) {
            checks.add("'enrolledOn' is required for an enrolled person.");
        }
        if (input.status() == ProgramStatus.REFERRED && input.referredOn() == null) {
            checks.add("'referredOn' is required for a referred person.");
        }
        if (input.status() == ProgramStatus.ENROLLED && input.enrolledOn() != null) {
            checks.check(input.enrolledOn().isAfter(today), "'enrolledOn' must not be in the future (today is "
                    + today + "); create the person referred and enrol them on the day.");
        }
        if (input.referredOn() != null) {
            checks.check(input.referredOn().isAfter(today), "'referredOn' must not be in the future (today is "
                    + today + ").");
            checks.check(input.enrolledOn() != null && input.status() == ProgramStatus.ENROLLED
                    && input.enrolledOn().isBefore(input.referredOn()), "'enrolledOn' must not be before 'referredOn'.");
        }
        if (input.status() == ProgramStatus.DISCHARGED) {
            checks.add("A person is created referred or enrolled; discharge them with dischargeEnrollee, which"
                    + " records the date and the reason.");
        }
        if (Boolean.TRUE.equals(input.inStandAloneServices()) && input.acuteTreatmentEndedOn() == null) {
            checks.add("'acuteTreatmentEndedOn' is required for stand-alone services (Michigan guidance XI.E).");
        }
        child(viewer, "createEnrollee", input.id(), input.parentOrGuardianOfChild(), input.childEnrolleeId(), null,
                checks);
        checks.throwIfAny();
        if (input.coachId() != null) {
            requireCoach(viewer, input.coachId());
        }
        // The first episode: referred on, and enrolled on for an enrolled person (issue 10, item 1).
        EnrollmentEpisode firstEpisode = new EnrollmentEpisode(input.id(), input.referredOn(),
                input.status() == ProgramStatus.ENROLLED ? input.enrolledOn() : null, null, null, null);
        Enrollee newEnrollee = new Enrollee(input.id(), viewer.organizationId(),
                input.firstName().trim(), input.lastName().trim(), input.preferredName(), input.dateOfBirth(),
                input.medicaidId(), input.fundingSources(), input.status(), input.enrolledOn(), null,
                Boolean.TRUE.equals(input.inStandAloneServices()), input.acuteTreatmentEndedOn(), input.coachId(),
                emergencyContacts(input.emergencyContacts()), input.childEnrolleeId() != null,
                input.childEnrolleeId(), eligibility(input.eligibility()),
                Enrollee.sortNameOf(input.firstName().trim(), input.lastName().trim()),
                Enrollee.searchTextOf(input.firstName(), input.lastName(), input.preferredName(), input.medicaidId()),
                0, clock.instant(), CreateOnce.digest(viewer.personId(), input), List.of(firstEpisode));
        CreateOnce.requireRetryOf(mongo.findById(newEnrollee.id(), Enrollee.class), newEnrollee, newEnrollee.id(),
                Enrollee::creationDigest);
        Identity signIn = input.authSubject() == null ? null
                : new Identity(input.authSubject(), newEnrollee.id(), Identity.Kind.ENROLLEE, viewer.organizationId());
        requireSignInFree(signIn);
        Enrollee enrollee = new Creation().run(creation -> {
            Enrollee stored = creation.insert(newEnrollee, newEnrollee.id(), Enrollee.class, Enrollee::creationDigest);
            creation.link(signIn);
            return stored;
        });
        trail.allowed(viewer, "createEnrollee", enrollee.id());
        return enrollee;
    }

    public Enrollee updateEnrollee(Viewer viewer, UpdateEnrolleeInput input) {
        requireAdmin(viewer, "updateEnrollee", input.id());
        Checks checks = new Checks().id(input.id(), "id");
        if (input.firstName() != null) {
            checks.text(input.firstName(), "firstName", 100);
        }
        if (input.lastName() != null) {
            checks.text(input.lastName(), "lastName", 100);
        }
        if (input.fundingSources() != null) {
            checks.fundingSources(input.fundingSources());
        }
        if (input.emergencyContacts() != null) {
            checks.emergencyContacts(input.emergencyContacts());
        }
        Enrollee current = isId(input.id())
                ? mongo.findOne(Query.query(inOrganization(viewer, input.id())), Enrollee.class) : null;
        if (current != null) {
            child(viewer, "updateEnrollee", input.id(), input.parentOrGuardianOfChild(), input.childEnrolleeId(),
                    current, checks);
        }
        // Every problem of the input at once, the child's included; then an unknown record is NOT_FOUND.
        checks.throwIfAny();
        if (current == null) {
            trail.denied(viewer, "updateEnrollee", input.id());
            throw DomainException.notFound("Enrollee " + input.id());
        }
        String firstName = input.firstName() == null ? current.firstName() : input.firstName().trim();
        String lastName = input.lastName() == null ? current.lastName() : input.lastName().trim();
        String preferredName = input.preferredName() == null ? current.preferredName() : input.preferredName();
        String medicaidId = input.medicaidId() == null ? current.medicaidId() : input.medicaidId();
        // Status and dates live in the enrollment episodes (Enrolments); written together with them.
        List<EnrollmentEpisode> episodes = Enrolments.afterUpdate(current, input.status(), input.enrolledOn(),
                input.dischargedOn());
        Update update = Enrolments.summary(new Update(), episodes).set("firstName", firstName).set("lastName", lastName)
                .set("preferredName", preferredName).set("medicaidId", medicaidId)
                .set("sortName", Enrollee.sortNameOf(firstName, lastName))
                .set("searchText", Enrollee.searchTextOf(firstName, lastName, preferredName, medicaidId));
        setIfGiven(update, "fundingSources", input.fundingSources());
        setIfGiven(update, "inStandAloneServices", input.inStandAloneServices());
        setIfGiven(update, "acuteTreatmentEndedOn", input.acuteTreatmentEndedOn());
        if (input.childEnrolleeId() != null) {
            update.set("parentOrGuardianOfChild", true).set("childEnrolleeId", input.childEnrolleeId());
        }
        else if (Boolean.FALSE.equals(input.parentOrGuardianOfChild())) {
            update.set("parentOrGuardianOfChild", false).unset("childEnrolleeId");
        }
        if (input.emergencyContacts() != null) {
            update.set("emergencyContacts", emergencyContacts(input.emergencyContacts()));
        }
        if (input.eligibility() != null) {
            update.set("eligibility", eligibility(input.eligibility()));
        }
        Enrollee updated = VersionedUpdate.apply(mongo, Enrollee.class, inOrganization(viewer, input.id()),
                input.expectedVersion(), update, "Enrollee " + input.id());
        trail.allowed(viewer, "updateEnrollee", updated.id());
        return updated;
    }

    public Enrollee addAuthorization(Viewer viewer, AddAuthorizationInput input) {
        requireAdmin(viewer, "addAuthorization", input.enrolleeId());
        Checks checks = new Checks().id(input.enrolleeId(), "enrolleeId").id(input.id(), "id");
        if (input.validTo().isBefore(input.validFrom())) {
            checks.add("'validTo' must not be before 'validFrom'.");
        }
        // A plan of care may authorize the service without stating units (TennCare policy: services "authorized
        // as part of an enrollee's plan of care"); every other authorization grants units.
        if (input.unitsAuthorized() == null ? input.kind() != AuthorizationKind.PLAN_OF_CARE
                : input.unitsAuthorized() <= 0 || input.unitsAuthorized() > 10_000) {
            checks.add("'unitsAuthorized' must be between 1 and 10000 (only a plan of care may leave it out).");
        }
        checks.throwIfAny();
        Enrollee enrollee = mongo.findOne(Query.query(inOrganization(viewer, input.enrolleeId())), Enrollee.class);
        if (enrollee == null) {
            trail.denied(viewer, "addAuthorization", input.enrolleeId());
            throw DomainException.notFound("Enrollee " + input.enrolleeId());
        }
        Authorization stored = CreateOnce.insert(mongo, new Authorization(input.id(), viewer.organizationId(),
                enrollee.id(), input.kind(), input.validFrom(), input.validTo(), input.unitsAuthorized(), 0,
                clock.instant(), CreateOnce.digest(viewer.personId(), input)), input.id(), Authorization.class,
                Authorization::creationDigest);
        if (!stored.enrolleeId().equals(enrollee.id())) {
            throw DomainException.conflict("The id " + input.id() + " is already used by a different authorization.",
                    Map.of("id", input.id()));
        }
        trail.allowed(viewer, "addAuthorization", enrollee.id());
        return enrollee;
    }

    public Enrollee assignCoach(Viewer viewer, AssignCoachInput input) {
        if (viewer.role() != Role.ADMIN && viewer.role() != Role.SUPERVISOR) {
            trail.denied(viewer, "assignCoach", input.enrolleeId());
            throw DomainException.forbidden("Only administrators and supervisors assign coaches.");
        }
        new Checks().id(input.enrolleeId(), "enrolleeId").id(input.coachId(), "coachId").throwIfAny();
        requireCoach(viewer, input.coachId());
        Enrollee updated = mongo.findAndModify(Query.query(inOrganization(viewer, input.enrolleeId())),
                new Update().set("coachId", input.coachId()).inc("version", 1),
                FindAndModifyOptions.options().returnNew(true), Enrollee.class);
        if (updated == null) {
            trail.denied(viewer, "assignCoach", input.enrolleeId());
            throw DomainException.notFound("Enrollee " + input.enrolleeId());
        }
        trail.allowed(viewer, "assignCoach", updated.id());
        return updated;
    }

    /**
     * Administrators: link a sign-in (the identity provider's subject) to a staff member or enrollee of their own
     * organization, replacing the person's previous sign-in. Its own audited operation: who can sign in as whom
     * is the most sensitive thing an administrator sets.
     */
    public SignInLink linkSignIn(Viewer viewer, LinkSignInInput input) {
        requireAdmin(viewer);
        new Checks().id(input.personId(), "personId").text(input.authSubject(), "authSubject", 200).throwIfAny();
        Identity signIn;
        if (mongo.exists(Query.query(inOrganization(viewer, input.personId())), StaffMember.class)) {
            signIn = new Identity(input.authSubject(), input.personId(), Identity.Kind.STAFF, viewer.organizationId());
        }
        else if (mongo.exists(Query.query(inOrganization(viewer, input.personId())), Enrollee.class)) {
            signIn = new Identity(input.authSubject(), input.personId(), Identity.Kind.ENROLLEE,
                    viewer.organizationId());
        }
        else {
            trail.denied(viewer, "linkSignIn", input.personId());
            throw DomainException.notFound("Person " + input.personId());
        }
        requireSignInFree(signIn);
        // The previous sign-in goes first: if the link below then loses a race, the person cannot sign in
        // until an administrator retries, which fails closed.
        mongo.remove(Query.query(Criteria.where("personId").is(signIn.personId()).and("_id").ne(signIn.subject())),
                Identity.class);
        new Creation().run(creation -> {
            creation.link(signIn);
            return signIn;
        });
        trail.allowed(viewer, "linkSignIn", signIn.personId());
        return new SignInLink(signIn.personId(), signIn.kind().name(), signIn.subject());
    }

    /** The answer of {@link #linkSignIn}. */
    public record SignInLink(String personId, String kind, String authSubject) {
    }

    /**
     * Checks the child a parent's or legal guardian's record names (CMS FAQ A5, seeds/004: "parents/legal guardians
     * of Medicaid-eligible children"; TennCare policy, seeds/000): an enrollee of the viewer's organization, not
     * the parent themself, under 18 today in the organization's zone, with Medicaid among its funding sources.
     * Another organization's enrollee reads word for word like an unknown id; both refusals are audited, and the
     * child's record, when read, is audited as opened. Flagging a parent ({@code parentOrGuardianOfChild}) without
     * naming the child is refused, unless the record already names one; so is naming a child while saying false.
     */
    private void child(Viewer viewer, String operation, String parentId, Boolean parentOrGuardianOfChild,
            String childId, Enrollee current, Checks checks) {
        if (childId == null) {
            checks.check(Boolean.TRUE.equals(parentOrGuardianOfChild)
                    && (current == null || current.childEnrolleeId() == null),
                    "A parent or guardian's record names the child enrollee: give 'childEnrolleeId' (CMS FAQ A5).");
            return;
        }
        checks.check(Boolean.FALSE.equals(parentOrGuardianOfChild),
                "'parentOrGuardianOfChild' cannot be false on a record that names a child ('childEnrolleeId').");
        if (!isId(childId)) {
            checks.id(childId, "childEnrolleeId");
            return;
        }
        if (childId.equals(parentId)) {
            checks.add("'childEnrolleeId' names the child, not the parent or guardian themself.");
            return;
        }
        Enrollee child = mongo.findById(childId, Enrollee.class);
        if (child == null || !child.organizationId().equals(viewer.organizationId())) {
            if (child == null) {
                trail.denied(viewer, operation, childId);
            }
            else {
                trail.denied(viewer, operation, childId, child.organizationId());
            }
            checks.add("'childEnrolleeId': enrollee " + childId + " was not found.");
            return;
        }
        trail.allowed(viewer, operation, childId);
        LocalDate today = LocalDate.ofInstant(clock.instant(), directory.organizationOf(viewer).zone());
        checks.check(Period.between(child.dateOfBirth(), today).getYears() >= CHILD_UNDER_AGE,
                "'childEnrolleeId' names a child: enrollee " + childId + " is " + CHILD_UNDER_AGE
                        + " or older (CMS FAQ A5: services to parents are for a Medicaid-eligible child).");
        checks.check(!child.fundingSources().contains(FundingSource.MEDICAID),
                "'childEnrolleeId' names a Medicaid-eligible child: enrollee " + childId
                        + " has no Medicaid among its funding sources (CMS FAQ A5).");
    }

    private static boolean isId(String id) {
        try {
            Ids.require(id, "id");
            return true;
        }
        catch (DomainException malformed) {
            return false;
        }
    }

    /** A sign-in may be linked only if it is unused, or already linked to exactly this person (a retry). */
    private void requireSignInFree(Identity signIn) {
        if (signIn != null) {
            requireSameLink(mongo.findById(signIn.subject(), Identity.class), signIn);
        }
    }

    private static void requireSameLink(Identity existing, Identity wanted) {
        if (existing != null && !existing.equals(wanted)) {
            throw DomainException.conflict("This sign-in is already linked to someone else.", Map.of());
        }
    }

    /**
     * The writes of one creation, after every check has passed. Without multi-document transactions, a step
     * refused by a racing request (an id or a sign-in taken in between) removes what this creation inserted,
     * so a refused creation leaves nothing behind; what an earlier attempt of the same request stored stays.
     */
    private final class Creation {

        private final Deque<Runnable> undo = new ArrayDeque<>();

        <T> T run(Function<Creation, T> steps) {
            try {
                return steps.apply(this);
            }
            catch (RuntimeException ex) {
                undo.forEach(Runnable::run);
                throw ex;
            }
        }

        <T> T insert(T record, String id, Class<T> type, Function<T, String> digestOf) {
            CreateOnce.Created<T> created = CreateOnce.create(mongo, record, id, type, digestOf);
            if (created.fresh()) {
                undo.push(() -> mongo.remove(Query.query(Criteria.where("_id").is(id).and("version").is(0)), type));
            }
            return created.record();
        }

        /** The sign-in is linked last, once the person it names exists. */
        void link(Identity signIn) {
            if (signIn == null) {
                return;
            }
            try {
                mongo.insert(signIn);
            }
            catch (DuplicateKeyException ex) {
                requireSameLink(mongo.findById(signIn.subject(), Identity.class), signIn);
            }
        }
    }

    private void requireCoach(Viewer viewer, String coachId) {
        StaffMember coach = directory.staffMember(viewer, coachId);
        if (!coach.role().asRole().carriesCaseload() || !coach.active()) {
            throw DomainException.validation("Staff member " + coachId + " is not an active coach or associate.");
        }
    }

    private void requireSupervisor(Viewer viewer, String supervisorId) {
        StaffMember supervisor = directory.staffMember(viewer, supervisorId);
        if (supervisor.role() != StaffRole.SUPERVISOR && supervisor.role() != StaffRole.ADMIN) {
            throw DomainException.validation("Staff member " + supervisorId + " is not a supervisor.");
        }
    }

    /** As {@link #requireAdmin(Viewer)}, for an operation on an enrollee's record: a refusal is audited. */
    private void requireAdmin(Viewer viewer, String operation, String enrolleeId) {
        if (viewer.role() != Role.ADMIN) {
            trail.denied(viewer, operation, enrolleeId);
        }
        requireAdmin(viewer);
    }

    private static void requireAdmin(Viewer viewer) {
        if (viewer.role() != Role.ADMIN) {
            throw DomainException.forbidden("Only administrators set up the organization.");
        }
    }

    private static Criteria inOrganization(Viewer viewer, String id) {
        return Criteria.where("_id").is(id).and("organizationId").is(viewer.organizationId());
    }

    private static List<EmergencyContact> emergencyContacts(List<EmergencyContactInput> inputs) {
        return inputs == null ? List.of() : inputs.stream()
                .map(c -> new EmergencyContact(c.id(), c.name().trim(), c.relationship().trim(), c.phone()))
                .toList();
    }

    private static Eligibility eligibility(EligibilityInput input) {
        return input == null ? null
                : new Eligibility(input.needsNotMetByOtherProgram(), input.criteria(), input.agreedToParticipate());
    }

    private static int valueOr(Integer value, int fallback) {
        return value == null ? fallback : value;
    }

    private static void setIfGiven(Update update, String field, Object value) {
        if (value != null) {
            update.set(field, value);
        }
    }

    /** The administration-specific checks on top of the generic ones. */
    private static final class Checks extends InputProblems {

        @Override
        public Checks id(String id, String field) {
            super.id(id, field);
            return this;
        }

        @Override
        public Checks text(String value, String field, int maxLength) {
            super.text(value, field, maxLength);
            return this;
        }

        @Override
        public Checks add(String problem) {
            super.add(problem);
            return this;
        }

        Checks zone(String zone) {
            try {
                ZoneId.of(zone);
            }
            catch (DateTimeException | NullPointerException ex) {
                add("'timeZone' must be an IANA zone such as America/Detroit, got '" + zone + "'.");
            }
            return this;
        }

        Checks thresholds(int atRisk, int disengaged) {
            check(atRisk < 1 || disengaged <= atRisk || disengaged > 365,
                    "Thresholds must satisfy 1 <= atRiskAfterDays < disengagedAfterDays <= 365.");
            return this;
        }

        /**
         * Late entries (issue 11, item 7): both limits positive and the late-entry limit below the hard limit, so
         * there is always a window where a late contact is accepted with a reason.
         */
        Checks lateEntryLimits(int lateEntryDays, int hardLimitDays) {
            check(lateEntryDays < 1, "'lateEntryDays' must be at least 1, got " + lateEntryDays + ".");
            check(hardLimitDays < 1, "'lateEntryHardLimitDays' must be at least 1, got " + hardLimitDays + ".");
            check(lateEntryDays >= 1 && hardLimitDays >= 1 && lateEntryDays >= hardLimitDays,
                    "'lateEntryDays' (" + lateEntryDays + ") must be less than 'lateEntryHardLimitDays' ("
                            + hardLimitDays + ").");
            return this;
        }

        /** A maximum group size, when given: 2 to {@link Organization#MAX_GROUP_SIZE_LIMIT}. */
        Checks maxGroupSize(Integer size) {
            check(size != null && (size < 2 || size > Organization.MAX_GROUP_SIZE_LIMIT), "'maxGroupSize' must be"
                    + " 2 to " + Organization.MAX_GROUP_SIZE_LIMIT + ", got " + size + ".");
            return this;
        }

                Checks birthDate(LocalDate dateOfBirth, LocalDate today) {
            check(dateOfBirth == null || dateOfBirth.isAfter(today) || dateOfBirth.isBefore(today.minusYears(120)),
                    "'dateOfBirth' must be a real date of birth in the past.");
            return this;
        }

        Checks fundingSources(List<FundingSource> sources) {
            check(sources == null || sources.size() != sources.stream().distinct().count(),
                    "'fundingSources' must list each source once, in order of use.");
            return this;
        }

        Checks emergencyContacts(List<EmergencyContactInput> contacts) {
            if (contacts != null) {
                for (int i = 0; i < contacts.size(); i++) {
                    EmergencyContactInput contact = contacts.get(i);
                    id(contact.id(), "emergencyContacts[" + i + "].id");
                    text(contact.name(), "emergencyContacts[" + i + "].name", 200);
                    text(contact.relationship(), "emergencyContacts[" + i + "].relationship", 100);
                }
            }
            return this;
        }
    }
}
