package org.duban.notification.inbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.duban.common.input.ControlCharacters;
import org.duban.common.messaging.IncomingEvent;
import org.duban.common.time.DateRange;
import org.duban.common.consuming.Poison;
import org.duban.events.EventCatalog;
import org.duban.events.EventType;
import org.duban.events.task.ReportDue;
import org.duban.events.task.ReportOverdue;
import org.duban.events.task.TaskEvent;
import org.duban.events.task.TaskPart;
import org.duban.events.task.TaskTransition;

import java.time.LocalDate;
import java.util.Map;

/**
 * The consumer's door: what a task event must be before anything of it reaches the database. A
 * record that fails here is parked with the reason ({@link Poison}), never half applied and never
 * turned into odd rows. Pure but for Jackson.
 */
public final class EventRules {

    private EventRules() {
    }

    /** The envelope: ids and type are stored as they are (processed_event, parked_event); no control characters. */
    static void checkEnvelope(IncomingEvent event) {
        text("ce_id", event.id());
        text("ce_type", event.type());
        text("ce_subject", event.subject());
        text("key", event.key());
    }

    /**
     * The data of an event some unit is told of, read into its record of the events module and checked: JSON, no
     * control character in any string (PostgreSQL refuses NUL; the others would reach templates, e-mails and OA
     * systems), the shape of its record (unknown members are ignored), a task part with every member that is never
     * null ({@link TaskPart#NOT_NULL}), dates within {@link DateRange}.
     */
    static TaskEvent read(IncomingEvent event, ObjectMapper json) {
        Class<?> payload = EventCatalog.named(event.type()).map(EventType::payload).orElse(null);
        if (payload == null || !TaskEvent.class.isAssignableFrom(payload)) {
            throw new Poison(Poison.INVALID, event.type() + " event " + event.id() + " is not a task event of the catalogue");
        }
        if (event.data() == null) {
            throw new Poison(Poison.UNREADABLE, event.type() + " event " + event.id() + " has no data");
        }
        TaskEvent data = plain(event.data()) ? direct(event, payload, json) : throughTree(event, payload, json);
        String missing = data.task() == null ? "task" : data.task().missing();
        if (missing != null) {
            throw new Poison(Poison.INVALID, event.type() + " event " + event.id() + " lacks "
                    + (missing.equals("task") ? "" : "task.") + missing);
        }
        date("task.deadline", data.task().deadline());
        if (data instanceof TaskTransition t) {
            date("previousDeadline", t.previousDeadline());
            date("requestedDeadline", t.requestedDeadline());
        } else if (data instanceof ReportDue r) {
            date("dueDate", r.dueDate());
        } else if (data instanceof ReportOverdue r) {
            date("dueDate", r.dueDate());
        }
        return data;
    }

    /**
     * Whether no string of {@code data} — member name or value — can hold a refused character: the text has none and
     * no escape (no backslash), so every string the parser yields is a piece of it as it stands; and it starts as an
     * object. Such data (what task-service sends, but for text with line breaks or quotes) is read straight into its record, once, not into a tree first.
     */
    static boolean plain(String data) {
        int i = 0;
        while (i < data.length() && Character.isWhitespace(data.charAt(i))) {
            i++;
        }
        return i < data.length() && data.charAt(i) == '{' && data.indexOf('\\') < 0
                && ControlCharacters.firstIn(data) < 0;
    }

    /**
     * {@link #plain} data read straight into its record. Should that fail, the data is read again through the tree
     * ({@link #throughTree}), which tells the reason as it always has (a syntax error is unreadable, a wrong member
     * invalid: read straight, an object cut short is a wrong member to Jackson).
     */
    private static TaskEvent direct(IncomingEvent event, Class<?> payload, ObjectMapper json) {
        try {
            return (TaskEvent) json.readValue(event.data(), payload);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return throughTree(event, payload, json);
        }
    }

    /** Any other data: read into a tree, every string of it checked ({@link #strings}), then into its record. */
    private static TaskEvent throughTree(IncomingEvent event, Class<?> payload, ObjectMapper json) {
        JsonNode tree;
        try {
            tree = json.readTree(event.data());
        } catch (JsonProcessingException e) {
            throw new Poison(Poison.UNREADABLE, event.type() + " event " + event.id() + " has data that is not JSON: "
                    + e.getOriginalMessage());
        }
        if (tree == null || !tree.isObject()) {
            throw new Poison(Poison.INVALID, event.type() + " event " + event.id() + " has data that is not a JSON object");
        }
        strings("data", tree);
        try {
            return (TaskEvent) json.treeToValue(tree, payload);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw wrongShape(event, e);
        }
    }

    private static Poison wrongShape(IncomingEvent event, Exception e) {
        String m = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        return new Poison(Poison.INVALID, event.type() + " event " + event.id() + " has a member of the wrong shape: " + m);
    }

    private static void strings(String path, JsonNode node) {
        if (node.isTextual()) {
            text(path, node.textValue());
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> f : node.properties()) {
                text(path + " member name", f.getKey());
                strings(path + "." + f.getKey(), f.getValue());
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                strings(path + "[" + i + "]", node.get(i));
            }
        }
    }

    private static void text(String what, String s) {
        if (s == null) {
            return;
        }
        int at = ControlCharacters.firstIn(s);
        if (at >= 0) {
            throw new Poison(Poison.CONTROL_CHARACTER, what + " " + ControlCharacters.message(s, at));
        }
    }

    private static void date(String member, LocalDate d) {
        if (d != null && !DateRange.contains(d)) {
            throw new Poison(Poison.DATE_OUT_OF_RANGE, member + " " + d + " " + DateRange.MESSAGE);
        }
    }
}
