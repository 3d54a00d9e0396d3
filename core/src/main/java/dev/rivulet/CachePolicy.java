package dev.rivulet;

/**
 * What a task run's cache key is made of. Policies combine: {@code @Task(cachePolicy = {INPUTS,
 * TASK_SOURCE})} reuses a result only for the same arguments and the same code. Every key also holds
 * the task's name and, when set, its {@link Task#version() version}.
 *
 * <table>
 *   <caption>Cache policies</caption>
 *   <tr><th>policy</th><th>the key changes when</th><th>typical use</th></tr>
 *   <tr><td>{@link #INPUTS}</td><td>an argument's value changes (a stable hash: the same in
 *       every JVM, maps and sets in sorted order)</td><td>pure functions of their arguments</td></tr>
 *   <tr><td>{@link #TASK_SOURCE}</td><td>the method's bytecode changes (its body, lambdas in it,
 *       private helpers it calls)</td><td>invalidate on deploy of a changed task</td></tr>
 *   <tr><td>{@link #RUN_ID}</td><td>the flow run changes</td><td>reuse within one flow run and its
 *       retries only</td></tr>
 *   <tr><td>{@link #FLOW_PARAMETERS}</td><td>the enclosing flow run's parameters change</td><td>one
 *       result per flow input, whatever the task's own arguments</td></tr>
 *   <tr><td>{@link #NONE}</td><td>always: no caching</td><td>turn caching off for one call</td></tr>
 * </table>
 *
 * <p>An argument that cannot be hashed (a class that is not a record, collection, map, array,
 * enum, string, number, {@code java.time} value or the like) fails the run with an error that names
 * it; exclude it with {@link Task#cacheKeyExclude()} or give a {@link CacheKeyFunction}.
 */
public enum CachePolicy {
    /** No caching: every run computes, and nothing is written under a cache key. */
    NONE,
    /** A stable hash of the task's arguments, without those named in {@link Task#cacheKeyExclude()}. */
    INPUTS,
    /** A hash of the bytecode of the task's method, of the lambdas in it and of the private methods it calls. */
    TASK_SOURCE,
    /** The id of the enclosing flow run (of the task run itself outside a flow). */
    RUN_ID,
    /** A stable hash of the enclosing flow run's parameters. */
    FLOW_PARAMETERS
}
