package org.duban.systemtest;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.duban.infra.KafkaProbe;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** At-least-once delivery meets an idempotent consumer: a replayed event changes nothing. */
class ReplayTest {

    final Suite suite = Suite.get();
    final Api api = new Api(suite);

    @Test
    void theSameEventDeliveredTwiceLeavesOneNotification() throws Exception {
        String code = Api.newCode("xzq");
        api.createUnit(code, "香洲区政府" + code);
        String taskId = api.createTaskForNewUnits("组织开展政务公开培训", code);
        await().atMost(Duration.ofSeconds(10)).until(() -> api.inboxSize(code) == 1);

        String bootstrap = suite.infra.bootstrapServers();
        List<ConsumerRecord<String, String>> original = KafkaProbe.readAll(bootstrap, "duban.task-events").stream()
                .filter(r -> taskId.equals(r.key())).toList();
        assertEquals(1, original.size());
        ConsumerRecord<String, String> r = original.get(0);

        // the very same record again: same key, same value, same ce_* headers (so the same ce_id)
        KafkaProbe.send(bootstrap, new ProducerRecord<>(r.topic(), null, r.key(), r.value(), r.headers()));
        awaitConsumerCaughtUp(bootstrap, "notification-service", "duban.task-events");

        assertEquals(1, api.inboxSize(code));
    }

    /** Waits until the group has committed offsets at the end of every partition of the topic. */
    static void awaitConsumerCaughtUp(String bootstrap, String group, String topic) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            List<TopicPartition> parts = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic)
                    .partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            Map<TopicPartition, Long> end = admin.listOffsets(parts.stream()
                    .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()))).all().get().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed =
                        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                return end.entrySet().stream().allMatch(e -> {
                    OffsetAndMetadata c = committed.get(e.getKey());
                    return e.getValue() == 0 || c != null && c.offset() >= e.getValue();
                });
            });
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
