package dev.rivulet.cli.command;

import dev.rivulet.Flow;
import dev.rivulet.Task;
import dev.rivulet.param.Param;
import dev.rivulet.secret.Secret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A flow of parts that persist their results, each logging to a file when its body runs; part
 * {@value #HANG_PROPERTY} (a system property) hangs, part -1 fails; {@code guarded} needs a secret.
 */
public interface Resumable {

    String HANG_PROPERTY = "resumable.hangAt";
    /** A system property that, while {@code true}, makes {@code load} fail. */
    String FAIL_LOAD_PROPERTY = "resumable.failLoad";

    @Task(name = "extract", persistResult = true)
    default int extract(Path log, LocalDate day, int part) throws InterruptedException {
        ran(log, "extract " + part);
        if (part == Integer.getInteger(HANG_PROPERTY, Integer.MIN_VALUE)) {
            System.out.println("hanging");
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
        if (part < 0) {
            throw new IllegalStateException("part " + part + " is broken");
        }
        return day.getDayOfMonth() * 100 + part;
    }

    @Task(name = "load", persistResult = true)
    default int load(Path log, List<Integer> extracted) {
        ran(log, "load");
        if (Boolean.getBoolean(FAIL_LOAD_PROPERTY)) {
            throw new IllegalStateException("the load is broken");
        }
        return extracted.stream().mapToInt(Integer::intValue).sum();
    }

    @Flow(name = "resumable")
    default int parts(Path log, LocalDate day, List<Integer> parts) throws InterruptedException {
        List<Integer> extracted = new ArrayList<>();
        for (int part : parts) {
            extracted.add(extract(log, day, part));
        }
        return load(log, extracted);
    }

    @Flow(name = "guarded")
    default int guarded(Path log, @Param("RESUMABLE_TOKEN") Secret token, List<Integer> parts) throws InterruptedException {
        if (!token.reveal().equals("open sesame")) {
            throw new IllegalStateException("the token is wrong");
        }
        return parts(log, LocalDate.of(2023, 9, 1), parts);
    }

    private static void ran(Path log, String line) {
        try {
            Files.writeString(log, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
