package org.duban.common.input;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBase;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.jsontype.TypeDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import org.duban.common.time.DateRange;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * How request bodies are read (the REST server's mapper, {@code StrictJsonBodies}): a field the
 * request does not define, a key given twice, a control character in any string and a date or
 * date-time outside {@link DateRange} are refused, each with the field's path. Every String,
 * LocalDate, LocalDateTime, OffsetDateTime, ZonedDateTime and Instant a body holds is checked
 * wherever it sits (records, lists, maps), because the check wraps the deserializer of the type,
 * not of a field. Events and other services' answers are read with the application's tolerant
 * mapper: what a producer wrote before these rules existed is still read.
 */
public final class StrictInput {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private StrictInput() {
    }

    /** A copy of {@code application} that reads request bodies strictly. */
    public static ObjectMapper strict(ObjectMapper application) {
        ObjectMapper m = application.copy();
        m.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        // a key sent twice is ambiguous (which one did the client mean?): refused, not "the last wins"
        m.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        m.registerModule(module());
        return m;
    }

    static SimpleModule module() {
        SimpleModule module = new SimpleModule("duban-strict-input");
        module.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription desc,
                                                          JsonDeserializer<?> deserializer) {
                // objects are read field by field, each field by its own (checked) deserializer
                if (deserializer instanceof BeanDeserializerBase) {
                    return deserializer;
                }
                return new Checked(deserializer, checkFor(desc.getBeanClass()));
            }

            @Override
            public JsonDeserializer<?> modifyEnumDeserializer(DeserializationConfig config, JavaType type,
                                                              BeanDescription desc, JsonDeserializer<?> deserializer) {
                return new Checked(deserializer, null);
            }
        });
        return module;
    }

    /** Refuses a value read (throws) or lets it pass. */
    interface Check {
        void check(JsonParser p, Object value) throws RejectedValueException;
    }

    /** The check of a value read as {@code type} (beyond its text: see {@link Checked}), or null. */
    static Check checkFor(Class<?> type) {
        if (type == LocalDate.class) {
            return (p, v) -> date(p, v, (LocalDate) v);
        }
        if (type == LocalDateTime.class) {
            return (p, v) -> date(p, v, ((LocalDateTime) v).toLocalDate());
        }
        // an instant's date is its date in Shanghai (the reader may have moved it to UTC already)
        if (type == OffsetDateTime.class) {
            return (p, v) -> date(p, v, ((OffsetDateTime) v).atZoneSameInstant(SHANGHAI).toLocalDate());
        }
        if (type == ZonedDateTime.class) {
            return (p, v) -> date(p, v, ((ZonedDateTime) v).withZoneSameInstant(SHANGHAI).toLocalDate());
        }
        if (type == Instant.class) {
            return (p, v) -> date(p, v, ((Instant) v).atZone(SHANGHAI).toLocalDate());
        }
        return null;
    }

    private static void date(JsonParser p, Object value, LocalDate date) throws RejectedValueException {
        if (!DateRange.contains(date)) {
            throw new RejectedValueException(p, DateRange.MESSAGE, value.toString(), value.getClass(), true);
        }
    }

    /**
     * The type's own deserializer (with its formats and contextual settings), after the check of the
     * JSON string it reads — for every scalar type: the readers of dates, UUIDs and enums trim a
     * string before reading it, which would let a date followed by a NUL through — and before the check of
     * the value read.
     */
    static final class Checked extends DelegatingDeserializer {
        private final Check check;

        Checked(JsonDeserializer<?> delegate, Check check) {
            super(delegate);
            this.check = check;
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> newDelegatee) {
            return new Checked(newDelegatee, check);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            text(p);
            return checked(p, _delegatee.deserialize(p, ctxt));
        }

        @Override
        @SuppressWarnings("unchecked")
        public Object deserialize(JsonParser p, DeserializationContext ctxt, Object intoValue) throws IOException {
            text(p);
            return checked(p, ((JsonDeserializer<Object>) _delegatee).deserialize(p, ctxt, intoValue));
        }

        @Override
        public Object deserializeWithType(JsonParser p, DeserializationContext ctxt, TypeDeserializer typeDeserializer)
                throws IOException {
            text(p);
            return checked(p, _delegatee.deserializeWithType(p, ctxt, typeDeserializer));
        }

        private static void text(JsonParser p) throws IOException {
            if (p.hasToken(JsonToken.VALUE_STRING)) {
                String s = p.getText();
                int at = ControlCharacters.firstIn(s);
                if (at >= 0) {
                    throw new RejectedValueException(p, ControlCharacters.message(s, at), s, String.class, false);
                }
            }
        }

        private Object checked(JsonParser p, Object value) throws RejectedValueException {
            if (value != null && check != null) {
                check.check(p, value);
            }
            return value;
        }
    }
}
