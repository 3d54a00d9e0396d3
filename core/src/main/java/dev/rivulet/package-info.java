/**
 * Rivulet's API: {@link dev.rivulet.Task} and {@link dev.rivulet.Flow} on interface methods, {@link
 * dev.rivulet.Rivulet} to make stubs of them, {@link dev.rivulet.Tasks} to submit tasks and work
 * with {@link dev.rivulet.TaskFuture futures}, and the runs and graph they record. Everything under
 * {@code dev.rivulet.internal} is implementation and may change without notice.
 */
package dev.rivulet;
