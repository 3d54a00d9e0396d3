/**
 * How a module adds its own kind of task: a {@link dev.rivulet.extension.TaskType}, found with
 * {@link java.util.ServiceLoader}, turns methods carrying its annotation into tasks whose body it
 * wraps ({@link dev.rivulet.extension.TaskBody}), so that a call is a task run like any other, with
 * its state, retries, graph edges and record. Data assets are built this way.
 *
 * <p>A task type reads its own options from its annotation and from {@link
 * dev.rivulet.TaskOptions#extension(Class)}, which per-call options can set, and the objects it
 * needs at run time (an artifacts root, a client) from the components given to {@link
 * dev.rivulet.Rivulet.Builder#component(Object)}.
 */
package dev.rivulet.extension;
