package org.duban.common.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A 5xx problem never carries the exception's message (it may hold a password, a secret, SQL). */
class ProblemMappersSecretsTest {

    private final ProblemMappers mappers = new ProblemMappers();

    {
        mappers.json = new ObjectMapper();
    }

    @Test
    void anUnexpectedErrorAnswersWithAnIncidentIdOnly() {
        Response r = mappers.unexpected(new IllegalStateException("jdbc password=hunter2 whsec_abc"), null);
        assertEquals(500, r.getStatus());
        String body = (String) r.getEntity();
        assertFalse(body.contains("hunter2"), body);
        assertFalse(body.contains("whsec_"), body);
        assertTrue(body.contains("urn:duban:problem:internal"), body);
        assertTrue(body.contains("incident"), body);
    }

    @Test
    void aFramework5xxAnswersWithoutItsMessage() {
        Response r = mappers.webApplication(new WebApplicationException("secret=hunter2", 503), null);
        assertEquals(500, r.getStatus());
        assertFalse(((String) r.getEntity()).contains("hunter2"));
    }
}
