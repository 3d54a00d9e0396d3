package dev.rivulet;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an interface method as a flow: a call through a {@link Rivulet#stub stub} becomes a flow
 * run that records the task runs made inside it, and the edges between them, in a {@link
 * RunGraph}.
 *
 * <p>The flow's body runs in the calling thread. Tasks it calls directly run there too; tasks it
 * {@linkplain Tasks submits} run on the flow's task runner. The flow run ends when its body has
 * returned and every task run it started has reached a final state. It fails when the body throws,
 * when it times out, or when a task run it made failed and nobody looked at that failure (through
 * {@link TaskFuture#get()}, {@link TaskFuture#toCompletableFuture()}, {@link Tasks#allowFailure} or
 * {@link Tasks#outcome}, a dependent task, or a direct call that threw it).
 *
 * <p>A flow called inside another flow is a subflow: a child flow run that appears as a node of
 * the parent's graph.
 *
 * {@snippet file="dev/rivulet/snippets/TaskAndFlowSnippetsTest.java" region="flow"}
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Flow {

    /**
     * The flow's name; the method's name when empty. Placeholders for parameters ({@code
     * "etl-{day}"}) name each run, as for {@link Task#name()}.
     *
     * @return the name or name template; empty for the method's name
     */
    String name() default "";

    /**
     * How many times a failed flow run is run again from the start; 0 by default.
     *
     * @return the number of times a failed run is run again, at least 0
     */
    int retries() default 0;

    /**
     * Delays before each retry, as for {@link Task#retryDelay()}.
     *
     * @return the retry delays as duration text; empty for no delay
     */
    String[] retryDelay() default {};

    /**
     * How long the flow run may take, waiting for its tasks included; on expiry its thread is
     * interrupted, its unfinished task runs are cancelled (running ones interrupted, and waited for
     * up to 10 seconds) and the run fails with a {@link TaskTimeoutException}. No limit when empty.
     *
     * @return the limit on the whole run as duration text; empty for none
     */
    String timeout() default "";

    /**
     * The name of the task runner, as registered on {@link Rivulet.Builder#taskRunner(String,
     * dev.rivulet.runner.TaskRunner)}, that runs this flow's submitted tasks. Empty: a subflow uses
     * its parent's runner, any other flow the default runner.
     *
     * @return the name of the task runner; empty for the parent's or the default one
     */
    String taskRunner() default "";

    /**
     * Write the results of this flow's task runs to a result store; see {@link
     * Task#persistResult()}. A task's own options win over the flow's: to opt one call out, pass
     * {@code TaskOptions.newBuilder().persistResult(false)} through {@link Tasks#with(TaskOptions)}.
     *
     * @return whether the flow's task runs write their results to a store
     */
    boolean persistResult() default false;

    /**
     * The default result store of this flow's task runs; see {@link Task#resultStore()}.
     *
     * @return the name of the default result store; empty for the Rivulet's default
     */
    String resultStore() default "";

    /**
     * The default serializer of this flow's task runs; see {@link Task#serializer()}.
     *
     * @return the name of the default serializer; empty for the Rivulet's default
     */
    String serializer() default "";

    /**
     * {@code false} makes this flow's task runs write their results to the store and drop them from
     * memory, unless their own options say otherwise; see {@link Task#cacheResultInMemory()}.
     *
     * @return whether the flow's task results stay in memory unless a task says otherwise
     */
    boolean cacheResultInMemory() default true;
}
