package dev.rivulet.codec.snippets;

import static dev.rivulet.Tasks.submit;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rivulet.CachePolicy;
import dev.rivulet.Rivulet;
import dev.rivulet.State;
import dev.rivulet.Task;
import dev.rivulet.TaskFuture;
import dev.rivulet.codec.Codecs;
import dev.rivulet.result.Serializer;
import dev.rivulet.result.Serializers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The examples in {@link Codecs}' javadoc: zstd at level 19, by name and as a serializer of its own. */
class CodecsSnippetsTest {

    /** The magic number that starts every zstd frame, as the zstd tool checks it. */
    private static final byte[] ZSTD_MAGIC = {0x28, (byte) 0xB5, 0x2F, (byte) 0xFD};

    public interface Reports {
        @Task(cachePolicy = CachePolicy.INPUTS, resultStore = "local", serializer = "compressed/json")
        default List<String> lines(int count) {
            return Collections.nCopies(count, "trip: pickup SoHo, dropoff JFK, fare 52.50");
        }
    }

    // @start region=level-19
    static Rivulet strongerZstd(Path results) {
        return Rivulet.builder()
                .localResultsDirectory(results)
                .codec(Codecs.zstd(19))     // replaces the zstd found by name
                .build();
    }

    static Serializer strongJson() {
        return Serializers.compressed(Codecs.zstd(19), Serializers.json());
    }
    // @end

    @Test
    void aRivuletWithTheStrongerZstdStoresAndReadsBackCompressedResults(@TempDir Path results) {
        try (Rivulet rivulet = strongerZstd(results)) {
            TaskFuture<List<String>> first = submit(rivulet.stub(Reports.class)::lines, 1000);
            assertEquals(1000, first.get().size());
        }
        try (Rivulet again = strongerZstd(results)) {
            TaskFuture<List<String>> cached = submit(again.stub(Reports.class)::lines, 1000);
            assertEquals(1000, cached.get().size());
            assertEquals(State.CACHED, cached.state());
        }
    }

    @Test
    void theStrongSerializerWritesAZstdFrameAndReadsItBack() throws IOException {
        List<String> lines = Collections.nCopies(1000, "trip: pickup SoHo, dropoff JFK, fare 52.50");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        strongJson().write(lines, List.class, out);

        byte[] bytes = out.toByteArray();
        assertArrayEquals(ZSTD_MAGIC, Arrays.copyOf(bytes, 4));
        assertTrue(bytes.length < 1000, bytes.length + " bytes for 1000 equal lines");
        assertEquals(lines, strongJson().read(new ByteArrayInputStream(bytes), List.class));
    }
}
