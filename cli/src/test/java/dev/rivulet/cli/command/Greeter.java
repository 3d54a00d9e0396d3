package dev.rivulet.cli.command;

import dev.rivulet.Flow;
import dev.rivulet.Task;
import dev.rivulet.param.Param;

/** Flows that need nothing from outside but their parameters. */
public interface Greeter {

    @Task
    default String greeting(String name) {
        return "hello " + name;
    }

    @Flow
    default String hello(@Param(value = "name", defaultValue = "world", description = "Who is greeted.") String name) {
        return greeting(name);
    }

    @Flow
    default String fail(@Param(value = "why", defaultValue = "the database went away") String why) {
        throw new IllegalStateException(why);
    }
}
