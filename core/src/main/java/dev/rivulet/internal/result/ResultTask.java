package dev.rivulet.internal.result;

import java.lang.reflect.Method;

/** A task as its {@link ResultPolicy} sees it: what names it, what it returns, what its code is. */
public interface ResultTask {

    /** The task's name, as {@code @Task(name)} gives it or the method's. */
    String name();

    /** {@code Type.method}, for messages. */
    String describe();

    /** The interface method that declares the task. */
    Method method();

    /** The method whose code a call runs: an implementation's, or the interface's default method. */
    Method body();

    /** The names of the parameters, or {@code 0}, {@code 1} ... where the class file has none. */
    String[] parameterNames();

    /** The hash of the code a call runs, for {@code TASK_SOURCE}. */
    String sourceHash();
}
