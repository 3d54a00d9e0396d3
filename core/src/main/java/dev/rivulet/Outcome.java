package dev.rivulet;

import java.io.Serializable;
import java.util.Objects;

/**
 * How an upstream task run ended, for a dependent that runs either way: its value, or why it failed.
 *
 * <p>Declare the dependent's parameter as an {@code Outcome} of the upstream's type, and pass the
 * upstream's future through {@link Tasks#outcome(TaskFuture)}: the dependent runs when the upstream
 * ends, however it ends, and receives a {@link Success} or a {@link Failure}.
 *
 * {@snippet file="dev/rivulet/snippets/OutcomeSnippetsTest.java" region="report"}
 *
 * <p>and, in the flow:
 *
 * {@snippet file="dev/rivulet/snippets/OutcomeSnippetsTest.java" region="submit"}
 *
 * <p>An outcome is {@code Serializable} when its value is: a failure is described by an {@link
 * AttemptFailure}, text rather than a live exception. A run that receives a {@code Failure} is not
 * cached (see {@link Tasks#outcome(TaskFuture)}).
 *
 * @param <T> the upstream task's result type
 */
public sealed interface Outcome<T> extends Serializable {

    /**
     * The upstream completed (or its result was found in the cache) with this value.
     *
     * @param <T> the upstream task's result type
     * @param value the upstream's result, which may be null
     */
    record Success<T>(T value) implements Outcome<T> {}

    /**
     * The upstream ended without a value.
     *
     * @param <T> the upstream task's result type
     * @param runName the upstream run's name
     * @param state how it ended: {@link State#FAILED}, {@link State#CRASHED} or {@link State#CANCELLED}
     * @param failure why: its last attempt's failure, or the error that ended it before an attempt
     *     (then {@code failure.attempt()} is 0), such as an {@link UpstreamFailedException} when its
     *     own upstream failed
     */
    record Failure<T>(String runName, State state, AttemptFailure failure) implements Outcome<T> {
        /**
         * Checks that no part is missing.
         *
         * @throws NullPointerException if any of them is null
         */
        public Failure {
            Objects.requireNonNull(runName, "runName");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(failure, "failure");
        }
    }

    /** {@return whether the upstream has a value} */
    default boolean isSuccess() {
        return this instanceof Success;
    }

    /**
     * {@return the upstream's value, or {@code other} if it failed}
     *
     * @param other the value to use when the upstream failed
     */
    default T orElse(T other) {
        return this instanceof Success<T> success ? success.value() : other;
    }
}
