package org.peerpath.outreach;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import org.peerpath.people.Organization;
import org.peerpath.people.PeopleDirectory;
import org.peerpath.people.StaffMember;
import org.peerpath.reminders.SupervisorAlertSource;
import org.peerpath.reminders.SupervisorAlerts;

/**
 * Escalated outreach tasks for the supervisor's push (issue 12, item 4): open tasks whose due day has passed in
 * the organization's zone (escalated, as {@code OutreachTask.escalated} says, whether or not the outreach job has
 * stamped {@code escalatedAt} yet), each told once to the supervisor of the task's coach today. Two queries.
 */
@Component
class EscalatedOutreachAlerts implements SupervisorAlertSource {

    private final MongoTemplate mongo;
    private final PeopleDirectory people;

    EscalatedOutreachAlerts(MongoTemplate mongo, PeopleDirectory people) {
        this.mongo = mongo;
        this.people = people;
    }

    @Override
    public List<SupervisorAlerts.Item> itemsDue(Organization organization, Instant now) {
        LocalDate today = EngagementRules.today(now, organization.zone());
        Query query = Query.query(Criteria.where("organizationId").is(organization.id())
                .and("status").is(OutreachTask.Status.OPEN.name()).orOperator(Criteria.where("escalatedAt").ne(null),
                        Criteria.where("dueOn").lt(mongo.getConverter().convertToMongoType(today))));
        query.fields().include("coachId");
        List<Document> tasks = mongo.find(query, Document.class, mongo.getCollectionName(OutreachTask.class));
        if (tasks.isEmpty()) {
            return List.of();
        }
        Map<String, StaffMember> coaches = people.staffByIds(tasks.stream().map(task -> task.getString("coachId"))
                .filter(java.util.Objects::nonNull).distinct().toList()).stream()
                .collect(Collectors.toMap(StaffMember::id, Function.identity()));
        return tasks.stream().map(task -> {
            StaffMember coach = coaches.get(task.getString("coachId"));
            return new SupervisorAlerts.Item(SupervisorAlerts.Topic.OUTREACH_ESCALATED,
                    "alert:escalated:" + task.getString("_id"), coach == null ? null : coach.supervisorIdOn(today));
        }).toList();
    }
}
