package dev.rivulet.internal.run;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** The delay before a retry, from the retry delays, backoff factor and jitter factor. */
final class RetryDelays {

    private RetryDelays() {}

    /**
     * @param retry which retry, from 1
     * @return the delay in nanoseconds: the retry's delay from the list (its last value repeating),
     *     times {@code backoff^(retry-1)}, plus a random extra of up to {@code jitter} times that
     */
    static long nanos(List<Duration> delays, double backoff, double jitter, int retry) {
        if (delays.isEmpty()) {
            return 0;
        }
        double base = delays.get(Math.min(retry, delays.size()) - 1).toNanos() * Math.pow(backoff, retry - 1);
        double extra = jitter > 0 ? ThreadLocalRandom.current().nextDouble() * jitter * base : 0;
        double total = base + extra;
        return total >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) total;
    }
}
