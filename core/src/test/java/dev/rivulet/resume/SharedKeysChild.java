package dev.rivulet.resume;

import static dev.rivulet.Tasks.submit;

import dev.rivulet.CachePolicy;
import dev.rivulet.Flow;
import dev.rivulet.FlowRun;
import dev.rivulet.Rivulet;
import dev.rivulet.Task;
import dev.rivulet.TaskFuture;
import dev.rivulet.TaskRun;
import dev.rivulet.result.ResultRecord;
import dev.rivulet.result.ResultStore;
import dev.rivulet.result.ResultStores;
import dev.rivulet.runner.TaskRunners;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One of several JVMs sharing a results directory. Arguments: a mode, the results directory, the
 * work directory, then the mode's own:
 *
 * <ul>
 *   <li>{@code orders FIRST SECOND}: a flow computes the cached values FIRST and, 300 ms later,
 *       SECOND, at once; each takes 2 s; prints the states of the two task runs;
 *   <li>{@code cycle OUTER INNER}: a cached task for OUTER calls the cached task for INNER from its
 *       body, once the other JVM holds INNER's lock too; the inner call times out after 3 s;
 *   <li>{@code hold KEY}: holds the store's lock on KEY until killed;
 *   <li>{@code write KEY}: starts writing KEY, prints {@code writing}, and never finishes;
 *   <li>{@code hammer KEY ROUNDS}: takes and lets go of the lock on KEY, checking that no other
 *       holder is inside at the same time; prints the number of times one was.
 * </ul>
 *
 * Each waits for the file {@code go} in the work directory before it starts, after printing {@code ready}.
 */
public final class SharedKeysChild {

    public interface Values {
        @Task(name = "value-{name}", cachePolicy = CachePolicy.INPUTS, resultStorageKey = "values/{name}", cacheKeyExclude = "work")
        default String value(String name, Path work) {
            log(work, name);
            sleep(2000);
            return name.toUpperCase();
        }

        @Flow
        default String both(String first, String second, Path work) {
            TaskFuture<String> a = submit(this::value, first, work);
            sleep(300);
            TaskFuture<String> b = submit(this::value, second, work);
            return a.get() + b.get();
        }

        /** Holds the lock on {@code values/OUTER} while it computes INNER. */
        @Task(name = "outer-{name}", cachePolicy = CachePolicy.INPUTS, resultStorageKey = "values/{name}", cacheKeyExclude = "work")
        default String outer(String name, String inner, Path work) {
            log(work, name);
            // Both JVMs hold their outer key before either asks for its inner one: a real cycle.
            touch(work.resolve("holding-" + name));
            for (int waited = 0; !Files.exists(work.resolve("holding-" + inner)) && waited < 30_000; waited += 10) {
                sleep(10);
            }
            return name + withTimeout(inner, work);
        }

        @Task(name = "inner-{name}", cachePolicy = CachePolicy.INPUTS, resultStorageKey = "values/{name}", cacheKeyExclude = "work",
                timeout = "3s")
        default String withTimeout(String name, Path work) {
            log(work, name);
            return name;
        }
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        Path results = Path.of(args[1]);
        Path work = Path.of(args[2]);
        System.out.println("ready");
        System.out.flush();
        while (!Files.exists(work.resolve("go"))) {
            Thread.sleep(5);
        }
        switch (mode) {
            case "orders", "cycle" -> runFlow(mode, results, work, args[3], args[4]);
            case "hold" -> {
                ResultStore store = ResultStores.local(results);
                store.lock(args[3]);
                System.out.println("locked");
                System.out.flush();
                Thread.sleep(Long.MAX_VALUE);
            }
            case "write" -> {
                ResultStore store = ResultStores.local(results);
                store.write(new ResultRecord(args[3], "test", "java", "byte[]", Instant.now(), null, 0, null, null), out -> {
                    out.write(new byte[100_000]);
                    out.flush();
                    System.out.println("writing");
                    System.out.flush();
                    sleep(Long.MAX_VALUE);
                });
            }
            case "hammer" -> System.out.println("overlaps=" + hammer(ResultStores.local(results), args[3], Integer.parseInt(args[4]), work));
            default -> throw new IllegalArgumentException(mode);
        }
    }

    private static void runFlow(String mode, Path results, Path work, String first, String second) {
        try (Rivulet rivulet = Rivulet.builder().localResultsDirectory(results).taskRunner(TaskRunners.threadPool(4)).build()) {
            Values values = rivulet.stub(Values.class);
            try {
                String result = mode.equals("orders") ? values.both(first, second, work) : values.outer(first, second, work);
                System.out.println("result=" + result);
            } catch (RuntimeException e) {
                System.out.println("failed=" + e);
                for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                    System.out.println("cause=" + cause);
                }
            }
            FlowRun run = rivulet.lastFlowRun().orElse(null);
            if (run != null) {
                System.out.println("states=" + new TreeMap<>(run.taskRuns().stream().collect(Collectors.toMap(TaskRun::name, r -> r.state().name()))));
            }
        }
    }

    /** How often another holder was inside while this one held the lock. */
    public static int hammer(ResultStore store, String key, int rounds, Path work) throws IOException, InterruptedException {
        Path inside = work.resolve("inside");
        int overlaps = 0;
        for (int i = 0; i < rounds; i++) {
            try (ResultStore.KeyLock lock = store.lock(key)) {
                try {
                    Files.createFile(inside);
                } catch (FileAlreadyExistsException e) {
                    overlaps++;
                    continue;
                }
                Thread.sleep(1);
                Files.delete(inside);
            }
        }
        return overlaps;
    }

    private static void log(Path work, String name) {
        try {
            Files.writeString(work.resolve("ran.log"), name + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void touch(Path file) {
        try {
            Files.writeString(file, "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private SharedKeysChild() {}
}
