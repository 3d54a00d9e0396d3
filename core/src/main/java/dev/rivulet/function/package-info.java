/**
 * Typed references to task methods, one interface per arity, for {@link dev.rivulet.Tasks#submit}
 * and friends: {@code FuncN} for tasks with a result, {@code ProcN} for {@code void} tasks.
 */
package dev.rivulet.function;
