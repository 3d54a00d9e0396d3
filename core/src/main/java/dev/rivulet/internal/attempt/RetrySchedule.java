package dev.rivulet.internal.attempt;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When a run's failed attempts are tried again: how many retries, and the delay before each. A
 * value, with no reference to the run, so that whoever runs an attempt, here or on another machine,
 * can tell from it whether and when the next one comes.
 *
 * <p>The delay before retry {@code k} (from 1) is the {@code k}-th listed delay (the last one
 * repeating) times {@code backoff^(k-1)}, plus a random extra of less than {@code jitterFactor}
 * times that.
 *
 * @param retries how many times a failed attempt may be tried again
 * @param delays the listed delays, the last repeating; empty for no delay
 * @param backoff what the delay is multiplied by after every retry; at least 1
 * @param jitterFactor the most random extra, as a fraction of the delay; at least 0
 */
public record RetrySchedule(int retries, List<Duration> delays, double backoff, double jitterFactor) implements Serializable {

    /** No retry. */
    public static final RetrySchedule NONE = new RetrySchedule(0, List.of(), 1.0, 0.0);

    public RetrySchedule {
        if (retries < 0) {
            throw new IllegalArgumentException("retries must not be negative, was " + retries);
        }
        delays = List.copyOf(delays);
        for (Duration delay : delays) {
            if (delay.isNegative()) {
                throw new IllegalArgumentException("a retry delay must not be negative, was " + delay + " in " + delays);
            }
        }
        if (!(backoff >= 1.0) || Double.isInfinite(backoff)) {
            throw new IllegalArgumentException("backoff must be a finite number of at least 1, was " + backoff);
        }
        if (!(jitterFactor >= 0.0) || Double.isInfinite(jitterFactor)) {
            throw new IllegalArgumentException("jitterFactor must be a finite number of at least 0, was " + jitterFactor);
        }
    }

    /** Whether attempt {@code attempt} (from 1), having failed, may be followed by another. */
    public boolean retriesAfter(int attempt) {
        return attempt <= retries;
    }

    /** The delay before retry {@code retry} (from 1) without its random extra, in nanoseconds. */
    public long baseDelayNanos(int retry) {
        return saturated(base(retry));
    }

    /**
     * The delay before retry {@code retry} (from 1), in nanoseconds, given a random number: at least
     * {@link #baseDelayNanos(int)}, and less than {@code (1 + jitterFactor)} times it.
     *
     * @param random the random draw for this retry, at least 0 and less than 1
     */
    public long delayNanos(int retry, double random) {
        if (!(random >= 0.0 && random < 1.0)) {
            throw new IllegalArgumentException("random must be at least 0 and less than 1, was " + random);
        }
        long base = baseDelayNanos(retry);
        long spread = saturated(jitterFactor * base);
        // Capped below the spread: a draw just under 1, rounded, must not reach it.
        long extra = spread == 0 ? 0 : Math.min((long) (random * spread), spread - 1);
        return base > Long.MAX_VALUE - extra ? Long.MAX_VALUE : base + extra;
    }

    /** The delay before retry {@code retry} (from 1), in nanoseconds, with a fresh random extra. */
    public long delayNanos(int retry) {
        return delayNanos(retry, jitterFactor > 0 ? ThreadLocalRandom.current().nextDouble() : 0.0);
    }

    private double base(int retry) {
        if (retry < 1) {
            throw new IllegalArgumentException("retries count from 1, was " + retry);
        }
        if (delays.isEmpty()) {
            return 0;
        }
        return Nanos.of(delays.get(Math.min(retry, delays.size()) - 1)) * Math.pow(backoff, retry - 1);
    }

    private static long saturated(double nanos) {
        return nanos >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) nanos;
    }
}
