/**
 * Typed references to task methods, one interface per arity, for {@code submit} and {@code call}
 * on {@link dev.rivulet.Tasks}, {@link dev.rivulet.TaskCall} and {@link dev.rivulet.Flows}:
 * {@code FuncN} for tasks with a result, {@code ProcN} for {@code void} tasks.
 */
package dev.rivulet.function;
