/**
 * Hashes that cache keys are made of: {@link dev.rivulet.internal.cache.StableHash} of argument
 * values, the same in every JVM, and {@link dev.rivulet.internal.cache.BytecodeHash} of a task
 * method's code, which changes when its body is edited.
 */
package dev.rivulet.internal.cache;
