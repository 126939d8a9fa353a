package org.duban.notification.preference;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.util.Objects;

/** A unit's choice for one event type ({@code *}: every type) on one external channel. */
@Entity
@Table(name = "preference")
@IdClass(Preference.Key.class)
public class Preference extends PanacheEntityBase {

    public static final String ANY_TYPE = "*";

    @Id
    @Column(name = "unit_code")
    public String unitCode;

    @Id
    @Column(name = "event_type")
    public String eventType;

    @Id
    public String channel;

    @Column(nullable = false)
    public String mode;

    public static class Key implements Serializable {
        public String unitCode;
        public String eventType;
        public String channel;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(unitCode, k.unitCode) && Objects.equals(eventType, k.eventType)
                    && Objects.equals(channel, k.channel);
        }

        @Override
        public int hashCode() {
            return Objects.hash(unitCode, eventType, channel);
        }
    }
}
