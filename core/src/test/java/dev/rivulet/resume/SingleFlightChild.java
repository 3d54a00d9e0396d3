package dev.rivulet.resume;

import dev.rivulet.CachePolicy;
import dev.rivulet.Rivulet;
import dev.rivulet.Task;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One of several JVMs computing the same cached task on one results directory. It says it is
 * ready, waits for the go file, then calls the task, whose body logs that it ran and takes a
 * second. Arguments: results directory, work directory.
 */
public final class SingleFlightChild {

    public interface Slow {
        @Task(cachePolicy = CachePolicy.INPUTS, cacheKeyExclude = "work")
        String compute(String key, Path work);
    }

    public static void main(String[] args) throws Exception {
        Path results = Path.of(args[0]);
        Path work = Path.of(args[1]);
        try (Rivulet rivulet = Rivulet.builder().localResultsDirectory(results).build()) {
            Slow slow = rivulet.stub(Slow.class, (key, dir) -> {
                try {
                    Files.writeString(dir.resolve("ran.log"), ProcessHandle.current().pid() + "\n",
                            StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                    Thread.sleep(1000);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
                return key.toUpperCase();
            });
            System.out.println("ready");
            System.out.flush();
            while (!Files.exists(work.resolve("go"))) {
                Thread.sleep(5);
            }
            System.out.println("result=" + slow.compute("shared", work));
        }
    }

    private SingleFlightChild() {}
}
