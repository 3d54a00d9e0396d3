package dev.rivulet.internal.attempt;

import java.time.Duration;

/** Durations in nanoseconds for the timer, where one past a long's range (292 years) means as long as a long allows. */
final class Nanos {

    private Nanos() {}

    static long of(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }
}
