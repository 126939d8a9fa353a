package org.duban.task.task;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** A {@link ReportCycle} as the JSON stored in {@code plan.report_cycle} and {@code task.report_cycle}. */
public final class ReportCycles {
    private ReportCycles() {
    }

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public static String toJson(ReportCycle c) {
        if (c == null) {
            return null;
        }
        try {
            return JSON.writeValueAsString(c);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ReportCycle fromJson(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return JSON.readValue(s, ReportCycle.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored report cycle unreadable: " + s, e);
        }
    }
}
