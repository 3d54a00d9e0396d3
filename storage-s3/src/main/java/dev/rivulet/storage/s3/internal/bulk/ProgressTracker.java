package dev.rivulet.storage.s3.internal.bulk;

import dev.rivulet.storage.s3.S3Progress;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Counts what one call has done and tells its listener: after each object, at most every 100 ms
 * while bytes flow, and at the end. One report at a time, each read under the lock, so that the
 * figures a listener sees never go down.
 */
final class ProgressTracker {

    private static final long INTERVAL_NANOS = 100_000_000L;

    private final S3Progress.Listener listener;
    private final long objectsTotal;
    private final AtomicLong objectsDone = new AtomicLong();
    private final AtomicLong bytesDone = new AtomicLong();
    private final AtomicLong bytesTotal = new AtomicLong();
    private final ReentrantLock lock = new ReentrantLock();
    private volatile long lastReport = System.nanoTime();

    ProgressTracker(S3Progress.Listener listener, long objectsTotal) {
        this.listener = listener;
        this.objectsTotal = objectsTotal;
    }

    void addTotal(long bytes) {
        bytesTotal.addAndGet(bytes);
    }

    void bytes(long bytes) {
        bytesDone.addAndGet(bytes);
        if (listener != null && System.nanoTime() - lastReport >= INTERVAL_NANOS && lock.tryLock()) {
            try {
                report();
            } finally {
                lock.unlock();
            }
        }
    }

    void objectDone() {
        objectsDone.incrementAndGet();
        reportNow();
    }

    /** Reports the figures as they are, waiting for a report under way. */
    void reportNow() {
        if (listener == null) {
            return;
        }
        lock.lock();
        try {
            report();
        } finally {
            lock.unlock();
        }
    }

    private void report() {
        lastReport = System.nanoTime();
        listener.onProgress(new S3Progress(objectsDone.get(), objectsTotal, bytesDone.get(), bytesTotal.get()));
    }
}
