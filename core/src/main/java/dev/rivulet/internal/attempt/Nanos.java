package dev.rivulet.internal.attempt;

import java.time.Duration;

/** Durations in nanoseconds for timers and waits, where one past a long's range (292 years) means as long as a long allows. */
public final class Nanos {

    private Nanos() {}

    public static long of(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }
}
