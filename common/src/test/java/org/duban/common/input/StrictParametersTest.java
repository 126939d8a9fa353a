package org.duban.common.input;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import org.junit.jupiter.api.Test;

import java.lang.annotation.Annotation;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class StrictParametersTest {

    @QueryParam("limit")
    private int limit;

    @HeaderParam("If-Match")
    private String ifMatch;

    private static Annotation[] of(String field) throws Exception {
        return StrictParametersTest.class.getDeclaredField(field).getAnnotations();
    }

    private static <T> ParamConverter<T> converter(Class<T> type) throws Exception {
        return new StrictParameters().getConverter(type, type, of("limit"));
    }

    @Test
    void aValueThatIsNotOfTheParametersTypeIsA400NamingIt() throws Exception {
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> converter(int.class).fromString("abc"));
        assertEquals("limit", e.error().field());
        assertEquals("not a whole number", e.error().message());
        assertEquals(400, e.getResponse().getStatus());
        assertThrows(InvalidParameterException.class, () -> converter(Long.class).fromString("1e3"));
        assertThrows(InvalidParameterException.class, () -> converter(Boolean.class).fromString("ja"));
        assertThrows(InvalidParameterException.class, () -> converter(UUID.class).fromString("1-1-1-1-1"));
        assertEquals(20, converter(int.class).fromString("20"));
        assertEquals(Boolean.TRUE, converter(boolean.class).fromString("TRUE"));
    }

    @Test
    void aControlCharacterInAnyParameterIsRefused() throws Exception {
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> converter(String.class).fromString("sfj\u0000"));
        assertEquals("limit", e.error().field());
        assertEquals("政府网站 公开", converter(String.class).fromString("政府网站 公开"));
    }

    @Test
    void headersAndOtherTypesAreLeftToTheFramework() throws Exception {
        assertNull(new StrictParameters().getConverter(String.class, String.class, of("ifMatch")));
        assertNull(new StrictParameters().getConverter(java.time.LocalDate.class, java.time.LocalDate.class, of("limit")));
    }
}
