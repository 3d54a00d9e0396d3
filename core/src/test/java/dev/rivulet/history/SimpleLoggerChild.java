package dev.rivulet.history;

import dev.rivulet.Flow;
import dev.rivulet.Rivulet;
import dev.rivulet.Task;
import dev.rivulet.param.Param;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/** Runs a flow whose task logs a line, in a JVM whose SLF4J backend is slf4j-simple; records it in the directory given. */
public final class SimpleLoggerChild {

    public interface Greeting {
        @Task
        default String greet(String whom) {
            LoggerFactory.getLogger("com.example.Greeting").info("hello {}", whom);
            return "greeted " + whom;
        }

        @Flow(name = "greeting")
        default String greeting(@Param("whom") String whom) {
            return greet(whom);
        }
    }

    public static void main(String[] args) {
        System.out.println("backend " + LoggerFactory.getILoggerFactory().getClass().getName());
        try (Rivulet rivulet = Rivulet.builder().localResultsDirectory(Path.of(args[1]))
                .runHistory(RunHistoryOptions.newBuilder().directory(Path.of(args[0])).build()).build()) {
            System.out.println("run " + rivulet.stub(Greeting.class).greeting("world"));
            LoggerFactory.getLogger("com.example.Greeting").info("after the run");
        }
    }

    private SimpleLoggerChild() {}
}
