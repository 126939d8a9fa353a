package org.duban.common.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The REST server's mapper refuses control characters, dates outside 2000-01-01..2100-12-31 and
 * keys given twice, and the problem names the field; the application's mapper (Kafka consumers,
 * REST clients) still reads all of it.
 */
class StrictJsonBodiesTest {

    record Contact(String name, List<String> phones) {
    }

    enum Kind { HOLIDAY, WORKDAY }

    record Body(String title, LocalDate deadline, OffsetDateTime at, Instant when, List<String> tags,
                Map<String, String> labels, List<Contact> contacts, java.util.UUID id, Kind kind) {
    }

    private final ObjectMapper application = new ObjectMapper().registerModule(new JavaTimeModule());
    private final ObjectMapper strict = new StrictJsonBodies(application).mapper();
    private final ProblemMappers mappers = new ProblemMappers();

    {
        mappers.json = application;
    }

    /** The problem the server answers for {@code json}. */
    private JsonNode problem(String json) throws Exception {
        JsonProcessingException e = assertThrows(JsonProcessingException.class, () -> strict.readValue(json, Body.class));
        Response r = e instanceof MismatchedInputException mie ? mappers.mismatchedInput(mie, null) : mappers.jsonProcessing(e, null);
        assertEquals(400, r.getStatus());
        return application.readTree((String) r.getEntity());
    }

    private void refused(String json, String field, String type) throws Exception {
        JsonNode p = problem(json);
        assertEquals("urn:duban:problem:" + type, p.path("type").asText(), p.toString());
        assertEquals(field, p.path("errors").path(0).path("field").asText(), p.toString());
    }

    @Test
    void aControlCharacterInAnyStringIsRefusedNamingItsField() throws Exception {
        refused("{\"title\":\"督办\\u0000\"}", "title", "validation");
        refused("{\"title\":\"a\\u001bb\"}", "title", "validation");
        refused("{\"title\":\"a\\u007fb\"}", "title", "validation");
        refused("{\"title\":\"lone \\ud800 surrogate\"}", "title", "validation");
        refused("{\"tags\":[\"六稳\",\"x\\u0001\"]}", "tags[1]", "validation");
        refused("{\"labels\":{\"k\":\"\\u0000\"}}", "labels.k", "validation");
        refused("{\"contacts\":[{\"name\":\"陈晓明\",\"phones\":[\"0756\\u0000\"]}]}", "contacts[0].phones[0]", "validation");
        // readers of dates, UUIDs and enums trim their text: the control character is refused before
        refused("{\"deadline\":\"2020-12-31\\u0000\"}", "deadline", "validation");
        refused("{\"at\":\"\\u001b2020-08-04T09:00:00+08:00\"}", "at", "validation");
        refused("{\"id\":\"9f1c1f3e-4a4e-4d5c-9a61-0b1f2c3d4e5f\\u0000\"}", "id", "validation");
        refused("{\"kind\":\"HOLIDAY\\u0000\"}", "kind", "validation");
        JsonNode p = problem("{\"title\":\"督办\\u0000\"}");
        assertTrue(p.path("errors").path(0).path("message").asText().contains("U+0000"), p.toString());
    }

    @Test
    void newlinesTabsAndPairedSurrogatesAreKept() throws Exception {
        Body b = strict.readValue("{\"title\":\"第一行\\n第二行\\r\\n\\t缩进 😀\"}", Body.class);
        assertEquals("第一行\n第二行\r\n\t缩进 😀", b.title());
    }

    @Test
    void theEdgesOfTheDateRangeAreAcceptedAndTheDaysBeyondRefused() throws Exception {
        assertEquals(LocalDate.of(2000, 1, 1), strict.readValue("{\"deadline\":\"2000-01-01\"}", Body.class).deadline());
        assertEquals(LocalDate.of(2100, 12, 31), strict.readValue("{\"deadline\":\"2100-12-31\"}", Body.class).deadline());
        for (String d : List.of("1999-12-31", "2101-01-01", "0001-01-01", "9999-12-31", "+999999999-12-31", "-999999999-01-01")) {
            refused("{\"deadline\":\"" + d + "\"}", "deadline", "validation");
        }
        JsonNode p = problem("{\"deadline\":\"9999-12-31\"}");
        assertEquals("9999-12-31", p.path("errors").path(0).path("rejectedValue").asText());
        assertTrue(p.path("detail").asText().contains("2000-01-01 to 2100-12-31"), p.toString());
    }

    @Test
    void dateTimesOutsideTheRangeAreRefusedToo() throws Exception {
        strict.readValue("{\"at\":\"2020-08-04T09:00:00+08:00\",\"when\":\"2020-08-04T01:00:00Z\"}", Body.class);
        refused("{\"at\":\"9999-12-31T23:59:59+08:00\"}", "at", "validation");
        refused("{\"when\":\"1970-01-01T00:00:00Z\"}", "when", "validation");
        // the date of an instant is its date in Shanghai: 2101-01-01 00:00 there is 2100-12-31 16:00 UTC
        refused("{\"at\":\"2101-01-01T00:00:00+08:00\"}", "at", "validation");
        refused("{\"when\":\"2100-12-31T16:00:00Z\"}", "when", "validation");
        strict.readValue("{\"when\":\"2100-12-31T15:59:59Z\",\"at\":\"2000-01-01T00:00:00+08:00\"}", Body.class);
    }

    @Test
    void aKeyGivenTwiceIsRefusedNamingIt() throws Exception {
        refused("{\"title\":\"甲\",\"title\":\"乙\"}", "title", "malformed-request");
        refused("{\"contacts\":[{\"name\":\"甲\",\"name\":\"乙\"}]}", "contacts[0].name", "malformed-request");
        refused("{\"labels\":{\"k\":\"1\",\"k\":\"2\"}}", "labels.k", "malformed-request");
    }

    @Test
    void theApplicationMapperForEventsAndClientsStaysTolerant() throws Exception {
        strict.readValue("{\"title\":\"t\"}", Body.class); // the strict mapper's caches are filled first
        Body b = application.readValue("{\"title\":\"a\\u0001\",\"title\":\"b\\u0000\",\"deadline\":\"9999-12-31\"}", Body.class);
        assertEquals("b\u0000", b.title());
        assertEquals(LocalDate.of(9999, 12, 31), b.deadline());
    }
}
