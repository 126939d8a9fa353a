package org.duban.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.duban.events.calendar.CalendarEvents;
import org.duban.events.calendar.CalendarYear;
import org.duban.events.task.TaskAssigned;
import org.duban.events.task.TaskEvent;
import org.duban.events.task.TaskEvents;
import org.duban.events.task.TaskPart;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.InputStream;
import java.net.URL;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The contract between the producers and the consumers: every event type of {@link EventCatalog} is a record, is
 * described in the AsyncAPI document on its topic, and has a JSON Schema; an instance of every type, serialised as
 * the outbox does, is valid by its schema and reads back into the same record; every record matches its schema
 * member by member.
 */
class EventContractTest {

    private static final ObjectMapper JSON = OutboxJson.mapper();

    @Test
    void everyTypeHasOneNameAndAnExampleAndEveryExampleAType() {
        Set<String> names = new LinkedHashSet<>();
        EventCatalog.ALL.forEach(t -> assertTrue(names.add(t.name()), "listed twice: " + t.name()));
        assertEquals(names, Examples.all().keySet());
    }

    @Test
    void everyExampleSerialisedAsTheOutboxDoesIsValidByItsSchemaAndReadsBack() throws Exception {
        Map<String, Object> examples = Examples.all();
        for (EventType<?> type : EventCatalog.ALL) {
            Object example = examples.get(type.name());
            assertEquals(type.payload(), example.getClass(), type.name());
            String json = JSON.writeValueAsString(example);
            assertEquals(List.of(), SchemaContract.validate(SchemaContract.fileOf(type.payload()), json),
                    type.name() + ": " + json);
            assertEquals(example, JSON.readValue(json, type.payload()), type.name() + " read back");
        }
    }

    @Test
    void everyRecordIsReadLenientlyWhateverTheConsumersMapperSays() throws Exception {
        // a consumer must survive a producer that added a member (docs/events.md "Changing an event"):
        // the records say so themselves, so even a mapper that fails on unknown members reads them
        ObjectMapper strict = OutboxJson.mapper().enable(
                com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        Map<String, Object> examples = Examples.all();
        for (EventType<?> type : EventCatalog.ALL) {
            Object example = examples.get(type.name());
            var tree = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.valueToTree(example);
            tree.put("addedLater", 1);
            if (tree.get("task") instanceof com.fasterxml.jackson.databind.node.ObjectNode task) {
                task.put("addedLater", 1);
            }
            assertEquals(example, strict.treeToValue(tree, type.payload()), type.name());
        }
    }

    @Test
    void aTaskOutsideAPlanWithoutDeadlineIsValidToo() throws Exception {
        String json = JSON.writeValueAsString(new TaskAssigned(Examples.bare(), Examples.AT));
        assertTrue(json.contains("\"planId\":null") && json.contains("\"workingDaysLeft\":null"), json);
        assertEquals(List.of(), SchemaContract.validate("task-assigned.json", json), json);
    }

    @Test
    void everyPayloadRecordMatchesItsSchemaMemberByMember() {
        Set<Class<?>> payloads = new LinkedHashSet<>();
        EventCatalog.ALL.forEach(t -> payloads.add(t.payload()));
        for (Class<?> p : payloads) {
            assertEquals(List.of(), SchemaContract.differences(p, SchemaContract.fileOf(p)), p.getName());
        }
        // the shared part is checked inside each task event's schema, and as its own file
        assertEquals(List.of(), SchemaContract.differences(TaskPart.class, "task-part.json"));
    }

    @Test
    void theTaskPartsNotNullMembersAreRequiredAndRefuseNull() throws Exception {
        JsonNode schema = SchemaContract.file("task-part.json");
        Set<String> required = new HashSet<>();
        schema.get("required").forEach(n -> required.add(n.asText()));
        for (String member : TaskPart.NOT_NULL) {
            assertTrue(required.contains(member), member);
            var node = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.valueToTree(
                    new TaskAssigned(Examples.part(3), Examples.AT));
            ((com.fasterxml.jackson.databind.node.ObjectNode) node.get("task")).putNull(member);
            assertFalse(SchemaContract.validate("task-assigned.json", node.toString()).isEmpty(), member + " null");
        }
        for (EventType<?> t : EventCatalog.ALL) {
            if (TaskEvent.class.isAssignableFrom(t.payload())) {
                assertEquals("task", t.payload().getRecordComponents()[0].getName(), t.name() + " starts with its task part");
                assertEquals(TaskPart.class, t.payload().getRecordComponents()[0].getType(), t.name());
            }
        }
    }

    @Test
    void theAsyncApiDocumentDescribesEveryTypeOnItsTopicWithItsRecordsSchemaAndNothingElse() throws Exception {
        JsonNode doc = asyncApi();
        assertEquals("3.0.0", doc.path("asyncapi").asText());
        Map<String, String> topicOfMessage = new HashMap<>();
        doc.path("channels").fields().forEachRemaining(ch -> ch.getValue().path("messages").fields().forEachRemaining(
                m -> topicOfMessage.put(m.getValue().path("$ref").asText().replace("#/components/messages/", ""),
                        ch.getValue().path("address").asText())));
        Map<String, JsonNode> byName = new HashMap<>();
        doc.path("components").path("messages").fields().forEachRemaining(m -> {
            String name = m.getValue().path("name").asText();
            assertTrue(EventCatalog.named(name).isPresent(), "the document describes " + name + ", not an event type");
            assertNotNull(byName.put(name, m.getValue()) == null ? m.getValue() : null, "described twice: " + name);
            EventType<?> type = EventCatalog.named(name).orElseThrow();
            assertEquals(type.topic(), topicOfMessage.get(m.getKey()), name + " on its topic");
            assertEquals("schemas/" + SchemaContract.fileOf(type.payload()),
                    m.getValue().path("payload").path("schema").path("$ref").asText(), name + " payload");
            assertEquals("application/schema+json;version=draft-07",
                    m.getValue().path("payload").path("schemaFormat").asText(), name);
        });
        for (EventType<?> t : EventCatalog.ALL) {
            assertTrue(byName.containsKey(t.name()), "the AsyncAPI document lacks " + t.name());
        }
        // one send operation per channel lists every message of it
        Set<String> sent = new TreeSet<>();
        doc.path("operations").forEach(op -> op.path("messages").forEach(m -> sent.add(m.path("$ref").asText()
                .replaceAll(".*/messages/", ""))));
        assertEquals(new TreeSet<>(topicOfMessage.keySet()), sent);
    }

    @Test
    void everySchemaFileIsAPayloadsOrReferencedByOne() throws Exception {
        URL dir = getClass().getClassLoader().getResource(SchemaContract.DIR);
        assertNotNull(dir);
        Set<String> files = new TreeSet<>(List.of(new File(dir.toURI()).list()));
        Set<String> used = new TreeSet<>();
        List<String> todo = new ArrayList<>();
        EventCatalog.ALL.forEach(t -> todo.add(SchemaContract.fileOf(t.payload())));
        while (!todo.isEmpty()) {
            String f = todo.remove(todo.size() - 1);
            assertTrue(files.contains(f), "no schema file " + f);
            if (used.add(f)) {
                SchemaContract.file(f).findValues("$ref").forEach(r -> {
                    String target = r.asText().replaceAll("#.*", "");
                    if (!target.isEmpty()) {
                        todo.add(target);
                    }
                });
            }
        }
        assertEquals(files, used, "schema files no event type uses");
    }

    // --- the contract catches drift --------------------------------------------------------------------

    /** task.assigned as if someone added a member to the record and forgot the schema. */
    record TaskAssignedPlusOne(TaskPart task, OffsetDateTime assignedAt, String channel) {
    }

    /** task.assigned as if someone removed a member from the record and forgot the schema. */
    record TaskAssignedMinusOne(TaskPart task) {
    }

    /** The shared part gained a member: caught inside every task event. */
    record TaskPartPlusOne(UUID taskId, UUID assignmentId, String title, UUID planId, String documentNumber,
                           String leadUnitCode, String leadUnitName, String unitCode, String unitName,
                           TaskPart.Role role, LocalDate deadline, Integer workingDaysLeft, String leadUnitShortName) {
    }

    record TaskAssignedWithPartPlusOne(TaskPartPlusOne task, OffsetDateTime assignedAt) {
    }

    @Test
    void aRecordThatGainsOrLosesAMemberWithoutItsSchemaFailsTheContract() throws Exception {
        TaskPart p = Examples.part(3);
        List<String> plus = SchemaContract.differences(TaskAssignedPlusOne.class, "task-assigned.json");
        assertEquals(1, plus.size(), plus.toString());
        assertTrue(plus.get(0).contains("channel") && plus.get(0).contains("not in the schema"), plus.toString());
        assertFalse(SchemaContract.validate("task-assigned.json",
                JSON.writeValueAsString(new TaskAssignedPlusOne(p, Examples.AT, "inbox"))).isEmpty());

        List<String> minus = SchemaContract.differences(TaskAssignedMinusOne.class, "task-assigned.json");
        assertEquals(1, minus.size(), minus.toString());
        assertTrue(minus.get(0).contains("assignedAt") && minus.get(0).contains("not a member"), minus.toString());
        assertFalse(SchemaContract.validate("task-assigned.json",
                JSON.writeValueAsString(new TaskAssignedMinusOne(p))).isEmpty());

        List<String> nested = SchemaContract.differences(TaskAssignedWithPartPlusOne.class, "task-assigned.json");
        assertEquals(1, nested.size(), nested.toString());
        assertTrue(nested.get(0).contains("task.leadUnitShortName"), nested.toString());
        TaskPartPlusOne part = new TaskPartPlusOne(p.taskId(), p.assignmentId(), p.title(), p.planId(),
                p.documentNumber(), p.leadUnitCode(), p.leadUnitName(), p.unitCode(), p.unitName(), p.role(),
                p.deadline(), p.workingDaysLeft(), "市司法局");
        assertFalse(SchemaContract.validate("task-assigned.json",
                JSON.writeValueAsString(new TaskAssignedWithPartPlusOne(part, Examples.AT))).isEmpty());
    }

    @Test
    void theTopicsAreTheFourOfTheDocument() throws Exception {
        Set<String> topics = new TreeSet<>();
        EventCatalog.ALL.forEach(t -> topics.add(t.topic()));
        Set<String> addresses = new TreeSet<>();
        asyncApi().path("channels").forEach(c -> addresses.add(c.path("address").asText()));
        assertEquals(addresses, topics);
        assertEquals(Set.of("duban.units", "duban.unit-groups", TaskEvents.TOPIC, CalendarEvents.TOPIC), topics);
    }

    @Test
    void aYearWithoutExceptionsIsValidAndADayOfAnotherKindIsNot() throws Exception {
        String empty = JSON.writeValueAsString(new CalendarYear(2027, false, 1, null));
        assertTrue(empty.contains("\"days\":[]"), empty);
        assertEquals(List.of(), SchemaContract.validate("calendar-year.json", empty), empty);
        String odd = JSON.writeValueAsString(new CalendarYear(2026, true, 1, List.of(
                new CalendarYear.Day(LocalDate.of(2026, 1, 1), CalendarYear.Kind.HOLIDAY, "元旦"))))
                .replace("\"HOLIDAY\"", "\"HALF_DAY\"");
        assertFalse(SchemaContract.validate("calendar-year.json", odd).isEmpty(), odd);
    }

    @Test
    void theSchemaBoundsTheYearToTheCalendarsYearsAndRefusesOneOutside() throws Exception {
        JsonNode year = SchemaContract.file("calendar-year.json").path("properties").path("year");
        assertEquals(CalendarYear.FIRST_YEAR, year.path("minimum").asInt(), year.toString());
        assertEquals(CalendarYear.LAST_YEAR, year.path("maximum").asInt(), year.toString());
        for (int y : List.of(CalendarYear.FIRST_YEAR, CalendarYear.LAST_YEAR)) {
            String json = JSON.writeValueAsString(new CalendarYear(y, false, 1, null));
            assertEquals(List.of(), SchemaContract.validate("calendar-year.json", json), json);
        }
        for (int y : List.of(CalendarYear.FIRST_YEAR - 1, CalendarYear.LAST_YEAR + 1, 0, -1, Integer.MAX_VALUE)) {
            String json = JSON.writeValueAsString(new CalendarYear(y, false, 1, null));
            assertFalse(SchemaContract.validate("calendar-year.json", json).isEmpty(), json);
        }
    }

    private static JsonNode asyncApi() throws Exception {
        try (InputStream in = EventContractTest.class.getClassLoader().getResourceAsStream("asyncapi.yaml")) {
            assertNotNull(in, "asyncapi.yaml");
            return new ObjectMapper(new YAMLFactory()).readTree(in);
        }
    }
}
