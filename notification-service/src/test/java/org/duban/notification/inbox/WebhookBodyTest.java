package org.duban.notification.inbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * hcons4: the webhook payload is written member by member ({@link Dispatcher#webhookBody}); these are the bytes the
 * tree it replaced wrote (a node per member, the event's data as a raw value), for every member present or null,
 * text that needs escaping, and the event's data kept as it came.
 */
class WebhookBodyTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The payload as the consumer built it before: a tree of nodes, written by the tree's own writer. */
    private static String asTree(String type, String timestamp, String[] values, String eventData) {
        ObjectNode root = JSON.createObjectNode();
        root.put("type", type);
        root.put("timestamp", timestamp);
        ObjectNode d = root.putObject("data");
        for (int i = 0; i < values.length; i++) {
            d.put(Dispatcher.WEBHOOK_DATA.get(i), values[i]);
        }
        if (eventData == null) {
            d.putNull("event");
        } else {
            d.putRawValue("event", new RawValue(eventData));
        }
        return root.toString();
    }

    private static void same(String[] values, String eventData) {
        String type = "task.assigned";
        String at = "2026-12-03T16:20:00.123456Z";
        assertEquals(asTree(type, at, values, eventData), Dispatcher.webhookBody(type, at, values, eventData));
    }

    @Test
    void everyMemberPresent() {
        same(new String[]{"0b6a2c1e-5d3f-4e8a-9c7b-1a2b3c4d5e6f", "evt-1", "sfj", "ASSIGNEE",
                "9f1c7d3e-2b4a-4c7e-9a1b-3d5e7f9a1b2c", "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f", "【新任务】编制政务公开年度报告",
                "珠海市司法局：请于2026年12月31日前完成。\n（牵头单位）", "2026-12-31", "珠府办〔2020〕9号", "珠海市人民政府办公室",
                "http://localhost:8080/tasks/9f1c7d3e"},
                "{\"task\":{\"title\":\"编制\\\"年度\\\"报告\\n\",\"unitCode\":\"sfj\"},\"n\":[1,2.5,null,true]}");
    }

    @Test
    void nullMembersAndNoEventData() {
        same(new String[]{"0b6a2c1e-5d3f-4e8a-9c7b-1a2b3c4d5e6f", "evt-2", "szfb", "ESCALATION",
                "9f1c7d3e-2b4a-4c7e-9a1b-3d5e7f9a1b2c", "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f", "标题 \"引号\" \\ 反斜杠",
                "\t制表\r\n换行 \u2028 </script>", null, null, null, "http://localhost:8080/tasks/x?a=1&b=<2>"}, null);
    }
}
