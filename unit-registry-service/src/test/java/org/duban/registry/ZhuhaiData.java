package org.duban.registry;

import io.restassured.http.ContentType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.restassured.RestAssured.given;

/** Loads the Zhuhai demo city through the bulk import, once per test JVM (the import is idempotent anyway). */
public final class ZhuhaiData {
    private ZhuhaiData() {
    }

    public static final Path FILE = Path.of("../deploy/local/demo/zhuhai-2020.json");
    private static boolean loaded;

    public static String json() {
        try {
            return Files.readString(FILE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static synchronized void ensureImported() {
        if (!loaded) {
            given().contentType(ContentType.JSON).body(json()).post("/api/v1/city/import").then().statusCode(200);
            loaded = true;
        }
    }
}
