package org.duban.task.task;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.duban.task.unit.RegistryUnits;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Creating a task leaves no connection open at commit: Agroal's "Closing open connection(s) prior
 * to commit" warning (once per created task, from the reminders' statements run after Hibernate had
 * released its connection) is gone.
 */
@QuarkusTest
class ConnectionWarningTest {

    @Test
    void creatingTasksLogsNoOpenConnectionAtCommit() {
        List<String> warnings = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                // Agroal's listener logs the pattern "{0}: {1}" with the text as a parameter
                String text = r.getMessage() + " " + Arrays.toString(r.getParameters());
                if (text.contains("prior to commit")) {
                    warnings.add(r.getLoggerName() + ": " + text);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        try {
            String suffix = UUID.randomUUID().toString().substring(0, 8);
            String unit = "wjw-" + suffix;
            RegistryUnits.seed(unit, "珠海市卫生健康局" + suffix);
            for (int i = 0; i < 3; i++) {
                given().contentType(ContentType.JSON)
                        .body("{\"title\":\"公开医疗卫生信息" + suffix + i + "\",\"deadline\":\"" + LocalDate.now().plusMonths(2)
                                + "\",\"unitCodes\":[\"" + unit + "\"]}")
                        .post("/api/v1/tasks").then().statusCode(201);
            }
        } finally {
            root.removeHandler(capture);
        }
        assertEquals(List.of(), warnings);
    }
}
