package org.duban.systemtest.benchmark;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The bare Kafka round trip on the suite's broker: one record at a time, produced with acks=all (as the
 * outbox relay produces) and linger.ms=0, from send to the moment a consumer polling the topic has it.
 * The best the broker on this machine does for one message; the floor of every Duban channel.
 */
final class KafkaRoundTrip {

    static final String TOPIC = "duban.benchmark.round-trip";
    static final int WARMUP = 200;
    static final int RUNS = 1000;

    static Latencies measure(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            if (!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(TOPIC)) {
                admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
        }
        Map<String, Long> consumed = new ConcurrentHashMap<>();
        TopicPartition partition = new TopicPartition(TOPIC, 0);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
             KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                     ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                     ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                     ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                     ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()))) {
            consumer.assign(List.of(partition));
            consumer.seekToEnd(List.of(partition));
            consumer.position(partition);
            Thread poller = new Thread(() -> {
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                            consumed.put(r.key(), System.nanoTime());
                        }
                    }
                } catch (org.apache.kafka.common.errors.InterruptException stopped) {
                    // measured enough
                }
            }, "kafka-round-trip-consumer");
            poller.start();
            try {
                List<Long> nanos = new ArrayList<>();
                for (int i = 0; i < WARMUP + RUNS; i++) {
                    String key = "rt-" + i;
                    long sent = System.nanoTime();
                    producer.send(new ProducerRecord<>(TOPIC, key, "{\"n\":" + i + "}")).get(30, TimeUnit.SECONDS);
                    while (!consumed.containsKey(key)) {
                        if (System.nanoTime() - sent > 30_000_000_000L) {
                            throw new IllegalStateException("record " + key + " not consumed within 30 s");
                        }
                        // the consumer notes the time itself: this wait's granularity does not count
                        java.util.concurrent.locks.LockSupport.parkNanos(100_000);
                    }
                    if (i >= WARMUP) {
                        nanos.add(consumed.get(key) - sent);
                    }
                }
                return Latencies.ofNanos(nanos);
            } finally {
                poller.interrupt();
                poller.join(5_000);
            }
        }
    }

    private KafkaRoundTrip() {
    }
}
