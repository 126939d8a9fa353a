/**
 * The events Duban's services exchange over Kafka: one record per payload, the event type names and
 * the topics they travel on. The producer serialises these records into its outbox; the consumer
 * deserialises into the same records. docs/events.md is the catalogue.
 */
package org.duban.events;
