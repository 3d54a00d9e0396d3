package dev.rivulet.result;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rivulet.CachePolicy;
import dev.rivulet.Rivulet;
import dev.rivulet.State;
import dev.rivulet.Task;
import dev.rivulet.TaskFuture;
import dev.rivulet.Tasks;
import dev.rivulet.internal.result.SerializerRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CustomSerializersTest {

    @TempDir
    Path dir;

    public interface Lines {
        @Task(cachePolicy = CachePolicy.INPUTS, serializer = "lines")
        default List<String> lines(int count) {
            return java.util.stream.IntStream.range(0, count).mapToObj(i -> "line " + i).toList();
        }

        @Task(cachePolicy = CachePolicy.INPUTS, serializer = "compressed:gzip/lines")
        default List<String> compressedLines(int count) {
            return lines(count);
        }
    }

    @Test
    void aSerializerOnTheClassPathIsFoundByName() {
        assertThat(new SerializerRegistry(List.of(), List.of()).serializerNames()).contains("json", "java", "lines");
        try (Rivulet rivulet = Rivulet.builder().localResultsDirectory(dir).resultCacheSize(0).build()) {
            Lines lines = rivulet.stub(Lines.class);
            assertThat(lines.lines(3)).containsExactly("line 0", "line 1", "line 2");
            TaskFuture<List<String>> again = Tasks.submit(lines::lines, 3);
            assertThat(again.get()).containsExactly("line 0", "line 1", "line 2");
            assertThat(again.state()).isEqualTo(State.CACHED);
            assertThat(lines.compressedLines(2)).containsExactly("line 0", "line 1");
        }
    }

    /** Shouts: registered on the builder, it replaces the class path's serializer of the same name. */
    static final class ShoutingLines implements Serializer {
        private final Serializer lines = new LinesSerializer();

        @Override
        public String name() {
            return "lines";
        }

        @Override
        public void write(Object value, Type type, OutputStream out) throws IOException {
            lines.write(((List<?>) value).stream().map(s -> s.toString().toUpperCase()).toList(), type, out);
        }

        @Override
        public Object read(InputStream in, Type type) throws IOException {
            return lines.read(in, type);
        }
    }

    @Test
    void aSerializerRegisteredOnTheBuilderReplacesOneOfTheSameName() {
        try (Rivulet rivulet = Rivulet.builder().localResultsDirectory(dir).resultCacheSize(0).serializer(new ShoutingLines()).build()) {
            Lines lines = rivulet.stub(Lines.class);
            lines.lines(1);
            assertThat(lines.lines(1)).containsExactly("LINE 0");
        }
    }
}
