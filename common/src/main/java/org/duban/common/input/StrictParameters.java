package org.duban.common.input;

import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;

/**
 * Reads every query and path parameter (declared on a method or in a {@code @BeanParam}) of the
 * types the services use — String, int, long, boolean (and their boxes), UUID — so that a value
 * that cannot be read is a 400 problem naming the parameter ({@code limit=abc}: "not a whole
 * number"), never the 404 JAX-RS answers for a failed conversion, and a control character in any
 * of them is refused. The decoded value is checked, so {@code %00} is caught. Dates stay Strings
 * read by {@code DateRange.parameter}, which also checks their range.
 */
@Provider
@ConstrainedTo(RuntimeType.SERVER)
public class StrictParameters implements ParamConverterProvider {

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        String name = name(annotations);
        if (name == null) {
            return null;
        }
        Function<String, T> read = (Function<String, T>) reader(rawType);
        if (read == null) {
            return null;
        }
        return new Converter<>(name, read);
    }

    static Function<String, ?> reader(Class<?> type) {
        if (type == String.class) {
            return s -> s;
        }
        if (type == int.class || type == Integer.class) {
            return s -> number(s, Integer::valueOf, "not a whole number");
        }
        if (type == long.class || type == Long.class) {
            return s -> number(s, Long::valueOf, "not a whole number");
        }
        if (type == boolean.class || type == Boolean.class) {
            return StrictParameters::bool;
        }
        if (type == UUID.class) {
            return StrictParameters::uuid;
        }
        return null;
    }

    private static <N> N number(String s, Function<String, N> parse, String message) {
        try {
            return parse.apply(s.strip());
        } catch (NumberFormatException e) {
            throw new Unreadable(message);
        }
    }

    private static Boolean bool(String s) {
        // Boolean.valueOf reads anything but "true" as false: dryRun=ja would silently import
        return switch (s.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new Unreadable("true or false");
        };
    }

    private static UUID uuid(String s) {
        String v = s.strip();
        try {
            if (v.length() == 36) {
                return UUID.fromString(v);
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw new Unreadable("not a UUID");
    }

    /** The parameter's name, if it is a query or path parameter; null otherwise (headers, forms: left as they are). */
    static String name(Annotation[] annotations) {
        if (annotations == null) {
            return null;
        }
        for (Annotation a : annotations) {
            if (a instanceof QueryParam q) {
                return q.value();
            }
            if (a instanceof PathParam p) {
                return p.value();
            }
            if (a instanceof RestQuery q && !q.value().isEmpty()) {
                return q.value();
            }
            if (a instanceof RestPath p && !p.value().isEmpty()) {
                return p.value();
            }
        }
        return null;
    }

    private static final class Unreadable extends RuntimeException {
        Unreadable(String message) {
            super(message, null, false, false);
        }
    }

    static final class Converter<T> implements ParamConverter<T> {
        private final String name;
        private final Function<String, T> read;

        Converter(String name, Function<String, T> read) {
            this.name = name;
            this.read = read;
        }

        @Override
        public T fromString(String value) {
            if (value == null) {
                return null;
            }
            int at = ControlCharacters.firstIn(value);
            if (at >= 0) {
                throw new InvalidParameterException(name, ControlCharacters.message(value, at), null);
            }
            try {
                return read.apply(value);
            } catch (Unreadable e) {
                throw new InvalidParameterException(name, e.getMessage(), value);
            }
        }

        @Override
        public String toString(T value) {
            return value == null ? null : value.toString();
        }
    }
}
