package org.duban.events;

/**
 * One event type of the contract: its CloudEvents {@code type}, the Kafka topic it travels on, and the record
 * its JSON data is (written by the producer's outbox, read by the consumer). The AsyncAPI document
 * ({@code asyncapi.yaml}) describes each with a JSON Schema; {@code EventContractTest} keeps the three in step.
 *
 * @param name    CloudEvents type, e.g. {@code task.assigned}
 * @param topic   the topic, e.g. {@code duban.task-events}
 * @param payload the record the event's data is
 */
public record EventType<T>(String name, String topic, Class<T> payload) {

    public EventType {
        if (name == null || topic == null || payload == null || !payload.isRecord()) {
            throw new IllegalArgumentException("an event type needs a name, a topic and a record payload");
        }
    }
}
