/**
 * Run history: a record of every flow run, written as the run goes on to a {@link
 * dev.rivulet.history.RunStore} (a local directory by default), and read back from any JVM through
 * {@link dev.rivulet.history.RunHistory}. The records ({@link dev.rivulet.history.FlowRunRecord},
 * {@link dev.rivulet.history.TaskRunRecord}) are immutable values, stored as versioned JSON. See the
 * run history page of the documentation for what is recorded, where, for how long, and how to turn
 * it off.
 */
package dev.rivulet.history;
