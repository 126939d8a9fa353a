#!/bin/sh
# GENERATED from org.duban.common.messaging.Topics by org.duban.deploy.TopicFiles: do not edit.
# Change the declaration, then regenerate (from the repository root):
#   ./mvnw -B -q -pl deploy-tests -am test-compile && java -cp common/target/classes:deploy-tests/target/test-classes org.duban.deploy.TopicFiles
# TopicDeclarationTest fails while this file differs from the declaration.
#
# Creates Duban's topics when missing (safe to run at every start). Environment:
#   KAFKA_BOOTSTRAP_SERVERS  the broker(s), default kafka:9092
#   DUBAN_TOPIC_REPLICAS     copies of each partition, default 1 (one broker); 3 on a cluster
#   KAFKA_TOPICS_SH          the tool, default /opt/kafka/bin/kafka-topics.sh (the apache/kafka image)
set -eu
bootstrap="${KAFKA_BOOTSTRAP_SERVERS:-kafka:9092}"
replicas="${DUBAN_TOPIC_REPLICAS:-1}"
kafka_topics="${KAFKA_TOPICS_SH:-/opt/kafka/bin/kafka-topics.sh}"
# a write needs 2 copies from that many replicas up, else all of them
if [ "$replicas" -ge 2 ]; then min_isr=2; else min_isr="$replicas"; fi
"$kafka_topics" --bootstrap-server "$bootstrap" --create --if-not-exists --topic duban.units --partitions 1 --replication-factor "$replicas" --config cleanup.policy=compact --config min.insync.replicas="$min_isr"
"$kafka_topics" --bootstrap-server "$bootstrap" --create --if-not-exists --topic duban.unit-groups --partitions 1 --replication-factor "$replicas" --config cleanup.policy=compact --config min.insync.replicas="$min_isr"
"$kafka_topics" --bootstrap-server "$bootstrap" --create --if-not-exists --topic duban.task-events --partitions 3 --replication-factor "$replicas" --config cleanup.policy=delete --config retention.ms=604800000 --config min.insync.replicas="$min_isr"
"$kafka_topics" --bootstrap-server "$bootstrap" --create --if-not-exists --topic duban.calendar --partitions 1 --replication-factor "$replicas" --config cleanup.policy=compact --config min.insync.replicas="$min_isr"
echo "Duban topics present on $bootstrap"
