package org.duban.registry.resolution;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.duban.registry.city.CityApi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads city data files for plain tests (tests run with the module directory as working directory). */
public final class Cities {
    private Cities() {
    }

    public static final Path ZHUHAI = Path.of("../deploy/local/demo/zhuhai-2020.json");

    public static CityApi.CityDocument read(Path file) {
        try {
            return new ObjectMapper().registerModule(new JavaTimeModule())
                    .readValue(Files.readString(file), CityApi.CityDocument.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Resolver zhuhai() {
        return new Resolver(read(ZHUHAI).toDirectory());
    }
}
