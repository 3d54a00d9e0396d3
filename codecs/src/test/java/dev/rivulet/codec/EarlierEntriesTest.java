package dev.rivulet.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rivulet.result.Serializers;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Entries already stored must read back under the names they were written with, whichever module
 * the codecs live in. The fixtures are {@link #fares()} as written by {@code compressed/json} and
 * {@code compressed:lz4/json} of Rivulet 0.1.0-SNAPSHOT, when the codecs were part of {@code
 * rivulet-serde} (now {@code rivulet-tables}); the {@code zstd} and {@code lz4} tools decompress
 * them to the same JSON.
 */
class EarlierEntriesTest {


    record Fare(String zone, double amount, LocalDate day) {}

    static List<Fare> fares() {
        List<Fare> fares = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            fares.add(new Fare(i % 2 == 0 ? "JFK" : "SoHo", 10 + i * 0.25, LocalDate.of(2023, 9, 1).plusDays(i % 30)));
        }
        return fares;
    }

    @ParameterizedTest
    @CsvSource({"compressed/json, fares.json.zst", "compressed:zstd/json, fares.json.zst", "compressed:lz4/json, fares.json.lz4"})
    void anEntryWrittenBeforeTheMoveReadsBack(String serializer, String fixture) throws Exception {
        Type type = EarlierEntriesTest.class.getDeclaredMethod("fares").getGenericReturnType();
        try (InputStream in = EarlierEntriesTest.class.getResourceAsStream(fixture)) {
            assertEquals(fares(), Serializers.named(serializer).read(in, type));
        }
    }
}
