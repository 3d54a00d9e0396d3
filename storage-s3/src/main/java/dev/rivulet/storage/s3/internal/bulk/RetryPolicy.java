package dev.rivulet.storage.s3.internal.bulk;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each request up to {@code maxAttempts} times. Before retry {@code n} (1 for the first) it
 * waits a random time between zero and {@code min(maxBackoff, baseDelay * 2^(n-1))}: exponential
 * backoff with full jitter, so that many workers throttled together do not come back together.
 * Failures that are not worth another attempt ({@link Failures}) end the request at once.
 */
public final class RetryPolicy {

    private static final Logger LOG = LoggerFactory.getLogger(RetryPolicy.class);

    /** One attempt; {@code attempt} counts from 1. */
    @FunctionalInterface
    interface Attempt<T> {
        T run(int attempt) throws Exception;
    }

    private final int maxAttempts;
    private final Duration baseDelay;
    private final Duration maxBackoff;

    public RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxBackoff) {
        this.maxAttempts = maxAttempts;
        this.baseDelay = baseDelay;
        this.maxBackoff = maxBackoff;
    }

    /** The longest a request can spend waiting between its attempts. */
    public Duration longestTotalWait() {
        Duration total = Duration.ZERO;
        for (int retry = 1; retry < maxAttempts; retry++) {
            total = total.plus(ceiling(retry));
        }
        return total;
    }

    /** The most to wait before retry {@code retry} (1 for the first). */
    private Duration ceiling(int retry) {
        int doublings = Math.min(retry - 1, 40);
        long nanos = baseDelay.toNanos();
        long cap = maxBackoff.toNanos();
        for (int i = 0; i < doublings && nanos < cap; i++) {
            nanos *= 2;
        }
        return Duration.ofNanos(Math.min(nanos, cap));
    }

    Duration backoff(int retry) {
        return Duration.ofNanos(ThreadLocalRandom.current().nextLong(ceiling(retry).toNanos() + 1));
    }

    /** Runs {@code attempt} until it succeeds, fails for good, runs out of attempts or {@code batch} is cancelled. */
    <T> T run(Batch batch, RequestLabel request, Attempt<T> attempt) throws IOException {
        for (int n = 1;; n++) {
            batch.checkNotCancelled();
            try {
                return attempt.run(n);
            } catch (Batch.Cancelled e) {
                throw e;
            } catch (Exception e) {
                if (batch.isCancelled()) {
                    throw new Batch.Cancelled();
                }
                if (n >= maxAttempts || !Failures.isRetryable(e)) {
                    throw Failures.describe(request, e, n);
                }
                Duration wait = backoff(n);
                LOG.debug("{} failed (attempt {} of {}), retrying in {} ms: {}", request, n, maxAttempts, wait.toMillis(),
                        Failures.summary(e));
                try {
                    if (!batch.pause(wait)) {
                        throw new Batch.Cancelled();
                    }
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while waiting to retry " + request);
                }
            }
        }
    }
}
